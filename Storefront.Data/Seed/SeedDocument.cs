using Storefront.Data.Catalog;
using Storefront.Data.Promotions;

namespace Storefront.Data.Seed;

/// <summary>Shape of Seed/seed.json: the demo catalog and the merchant's starting rules.</summary>
internal sealed record SeedDocument(
    string Currency,
    IReadOnlyList<SeedProduct> Products,
    IReadOnlyList<SeedTier> LoyaltyTiers,
    IReadOnlyList<SeedPromotion> Promotions,
    IReadOnlyList<SeedShippingRate> ShippingRates,
    IReadOnlyList<SeedTaxRate> TaxRates);

internal sealed record SeedProduct(
    string Slug,
    string Name,
    string Category,
    ProductKind Kind,
    string? Description,
    string? Image,
    long? Price,
    long? Monthly,
    long? Yearly,
    int? Stock,
    bool Complimentary = false);

internal sealed record SeedTier(string Name, long MinimumLifetimeSpend, int PercentOff, long? Cap);

internal sealed record SeedPromotion(
    string Name,
    PromotionKind Kind,
    DiscountType DiscountType,
    int PercentOff,
    long AmountOff,
    long? Threshold,
    long? Cap,
    bool Stackable,
    int Priority,
    string? Code,
    string? Country,
    string? State,
    int? RedemptionLimit,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    bool Active = true);

internal sealed record SeedShippingRate(string Name, long Amount, int MinDays, int MaxDays, IReadOnlyList<string> Countries, long? FreeOver);

internal sealed record SeedTaxRate(string DisplayName, string Country, string? State, decimal Percentage, bool Inclusive);
