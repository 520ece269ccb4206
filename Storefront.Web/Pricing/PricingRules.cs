using Storefront.Data.Catalog;
using Storefront.Data.Loyalty;
using Storefront.Data.Promotions;
using Storefront.Data.Shipping;
using Storefront.Data.Tax;

namespace Storefront.Web.Pricing;

/// <summary>
/// An immutable snapshot of the merchant's pricing rules. Cheap to share between requests and threads; build it
/// from the database entities with <see cref="From"/> (the engine never sees an EF entity).
/// </summary>
public sealed record PricingRules(
    IReadOnlyList<TierTerms> LoyaltyTiers,
    IReadOnlyList<PromotionTerms> Promotions,
    IReadOnlyList<ShippingRateTerms> ShippingRates,
    IReadOnlyList<TaxRateTerms> TaxRates,
    ComplimentaryItem? Complimentary,
    string DefaultCountry)
{
    public static PricingRules Empty { get; } = new([], [], [], [], null, "US");

    /// <summary>
    /// Maps database entities to rule terms. Inactive promotions, shipping and tax rates are left out; active
    /// promotions outside their window stay in so that an expired code can be named as such.
    /// </summary>
    /// <param name="complimentaryProduct">The product given away, with <paramref name="complimentaryPrice"/> its zero price.</param>
    /// <param name="complimentaryThreshold">Discounted eligible subtotal (minor units) from which the item is given.</param>
    public static PricingRules From(
        IEnumerable<LoyaltyTier> tiers,
        IEnumerable<Promotion> promotions,
        IEnumerable<ShippingRate> shippingRates,
        IEnumerable<TaxRate> taxRates,
        Product? complimentaryProduct,
        Price? complimentaryPrice,
        long complimentaryThreshold,
        string defaultCountry)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(promotions);
        ArgumentNullException.ThrowIfNull(shippingRates);
        ArgumentNullException.ThrowIfNull(taxRates);
        ArgumentOutOfRangeException.ThrowIfNegative(complimentaryThreshold);

        var tierTerms = tiers
            .Select(t => new TierTerms(t.Id, t.Name, t.MinimumLifetimeSpend, t.PercentOff, t.CapAmount, t.Currency))
            .OrderBy(t => t.MinimumLifetimeSpend)
            .ToArray();

        var promotionTerms = promotions
            .Where(p => p.IsActive)
            .Select(p => new PromotionTerms(
                p.Id, p.Name, p.Kind, p.DiscountType, p.PercentOff, p.AmountOff, p.Currency, p.CapAmount, p.Stackable,
                p.Priority, p.StartsAt, p.EndsAt, p.ThresholdAmount, p.Country, p.State, p.CustomerUserId, p.Code,
                p.RedemptionLimit, p.RedemptionCount))
            .ToArray();

        var shippingTerms = shippingRates
            .Where(r => r.IsActive)
            .Select(r => new ShippingRateTerms(
                r.Id, r.Name, r.Amount, r.Currency, r.DeliveryMinDays, r.DeliveryMaxDays, [.. r.CountryList], r.FreeOverAmount))
            .ToArray();

        var taxTerms = taxRates
            .Where(r => r.IsActive)
            .Select(r => new TaxRateTerms(r.Id, r.DisplayName, r.Country, r.State, r.Percentage, r.Inclusive, r.StripeTaxRateId))
            .ToArray();

        ComplimentaryItem? complimentary = null;
        if (complimentaryProduct is not null && complimentaryPrice is not null)
        {
            if (complimentaryPrice.ProductId != 0 && complimentaryPrice.ProductId != complimentaryProduct.Id)
            {
                throw new ArgumentException("The complimentary price belongs to another product.", nameof(complimentaryPrice));
            }

            complimentary = new ComplimentaryItem(
                complimentaryProduct.Id, complimentaryProduct.Name, complimentaryProduct.Kind, complimentaryPrice.Id,
                complimentaryThreshold);
        }

        return new PricingRules(tierTerms, promotionTerms, shippingTerms, taxTerms, complimentary,
            string.IsNullOrWhiteSpace(defaultCountry) ? "US" : defaultCountry.Trim().ToUpperInvariant());
    }
}

/// <summary>A loyalty tier: <see cref="PercentOff"/> of the eligible subtotal, at most <see cref="CapAmount"/>.</summary>
public sealed record TierTerms(int Id, string Name, long MinimumLifetimeSpend, int PercentOff, long? CapAmount, string Currency)
{
    /// <summary>"Gold member 10 %", as the discount is named on the session.</summary>
    public string DisplayName => $"{Name} member {PercentOff} %";
}

/// <summary>A merchant promotion, flattened from <see cref="Promotion"/>; see that entity for each field's meaning.</summary>
public sealed record PromotionTerms(
    int Id,
    string Name,
    PromotionKind Kind,
    DiscountType DiscountType,
    int PercentOff,
    long AmountOff,
    string Currency,
    long? CapAmount,
    bool Stackable,
    int Priority,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    long? ThresholdAmount,
    string? Country,
    string? State,
    string? CustomerUserId,
    string? Code,
    int? RedemptionLimit,
    int RedemptionCount)
{
    /// <summary>Live inside [StartsAt, EndsAt).</summary>
    public bool IsLiveAt(DateTimeOffset now) => (StartsAt is null || StartsAt <= now) && (EndsAt is null || now < EndsAt);

    public bool IsExhausted => RedemptionLimit is not null && RedemptionCount >= RedemptionLimit;
}

/// <summary>A shipping rate offered to <see cref="Countries"/> (upper-case ISO codes).</summary>
public sealed record ShippingRateTerms(
    int Id,
    string Name,
    long Amount,
    string Currency,
    int DeliveryMinDays,
    int DeliveryMaxDays,
    IReadOnlyList<string> Countries,
    long? FreeOverAmount)
{
    public bool Serves(string country)
    {
        for (var i = 0; i < Countries.Count; i++)
        {
            if (string.Equals(Countries[i], country, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A tax rate for a country, optionally narrowed to a state. <see cref="Percentage"/> is e.g. 8.875.</summary>
public sealed record TaxRateTerms(
    int Id,
    string DisplayName,
    string Country,
    string? State,
    decimal Percentage,
    bool Inclusive,
    string? StripeTaxRateId);

/// <summary>The product given away once the discounted eligible subtotal reaches <see cref="Threshold"/>.</summary>
public sealed record ComplimentaryItem(int ProductId, string Name, ProductKind ProductKind, int PriceId, long Threshold);
