using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Promotions;
using Storefront.Web.Pricing;

namespace Storefront.Tests.Unit.Pricing;

/// <summary>The demo shop's rules (as in seed.json) and catalog lines, with ids to refer to them by.</summary>
internal static class PricingFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    public static readonly TierTerms Silver = new(1, "Silver", 20000, 5, 1000, "usd");
    public static readonly TierTerms Gold = new(2, "Gold", 50000, 10, 2500, "usd");
    public static readonly TierTerms Platinum = new(3, "Platinum", 150000, 15, 5000, "usd");

    public static readonly PromotionTerms SpendHundredSaveTenPercent = Promotion(
        10, "Spend 100, save 10 %", PromotionKind.CartThreshold, percentOff: 10, cap: 2000, priority: 20) with { ThresholdAmount = 10000 };

    public static readonly PromotionTerms SpendHundredSaveTen = Promotion(
        11, "Spend 100, save 10.00", PromotionKind.CartThreshold, amountOff: 1000, stackable: false, priority: 30) with { ThresholdAmount = 10000 };

    public static readonly PromotionTerms WelcomeCode = Promotion(
        12, "Welcome code", PromotionKind.Code, percentOff: 10, cap: 1500, priority: 40) with { Code = "WELCOME10", RedemptionLimit = 500 };

    public static readonly PromotionTerms SummerCode = Promotion(
        13, "Summer code (ended)", PromotionKind.Code, percentOff: 25, stackable: false, priority: 40) with
    {
        Code = "SUMMER25",
        StartsAt = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero),
        EndsAt = new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static readonly PromotionTerms CanadaLaunch = Promotion(
        14, "Canada launch", PromotionKind.Region, percentOff: 5, priority: 50) with { Country = "CA" };

    public static readonly ShippingRateTerms Standard = new(1, "Standard", 500, "usd", 3, 5, ["US", "CA"], 7500);
    public static readonly ShippingRateTerms PriorityRate = new(2, "Priority", 1200, "usd", 1, 2, ["US"], null);
    public static readonly ShippingRateTerms International = new(3, "International", 1500, "usd", 6, 10, ["GB", "DE", "FR", "JP"], null);

    public static readonly TaxRateTerms CaliforniaTax = new(1, "California sales tax", "US", "CA", 7.25m, false, null);
    public static readonly TaxRateTerms NewYorkTax = new(2, "New York sales tax", "US", "NY", 8.875m, false, null);
    public static readonly TaxRateTerms TexasTax = new(3, "Texas sales tax", "US", "TX", 6.25m, false, null);
    public static readonly TaxRateTerms UkVat = new(4, "VAT", "GB", null, 20m, true, null);
    public static readonly TaxRateTerms GermanVat = new(5, "MwSt.", "DE", null, 19m, true, null);
    public static readonly TaxRateTerms FrenchVat = new(6, "TVA", "FR", null, 20m, true, null);

    public static readonly ComplimentaryItem Spoon = new(99, "Cupping Spoon", ProductKind.Physical, 990, 15000);

    /// <summary>The seeded rules (the inactive "10.00 off" promotion left out, as the rules source does).</summary>
    public static readonly PricingRules Seed = new(
        [Silver, Gold, Platinum],
        [SpendHundredSaveTenPercent, WelcomeCode, SummerCode, CanadaLaunch],
        [Standard, PriorityRate, International],
        [CaliforniaTax, NewYorkTax, TexasTax, UkVat, GermanVat, FrenchVat],
        Spoon,
        "US");

    /// <summary>Only what a test names: no tiers, promotions, tax or complimentary item; seeded shipping.</summary>
    public static readonly PricingRules Bare = new([], [], [Standard, PriorityRate, International], [], null, "US");

    public static readonly ShippingAddress NewYork = new("US", "NY", "10001");
    public static readonly ShippingAddress California = new("US", "CA", "94103");
    public static readonly ShippingAddress Toronto = new("CA", "ON", "M5V 2T6");
    public static readonly ShippingAddress Berlin = new("DE", null, "10115");

    public static PromotionTerms Promotion(
        int id, string name, PromotionKind kind, int percentOff = 0, long amountOff = 0, long? cap = null,
        bool stackable = true, int priority = 0, string currency = "usd") =>
        new(id, name, kind, amountOff > 0 ? DiscountType.Amount : DiscountType.Percent, percentOff, amountOff, currency,
            cap, stackable, priority, null, null, null, null, null, null, null, null, 0);

    public static PricingLine Line(
        string key, long unitAmount, int quantity = 1, ProductKind kind = ProductKind.Physical, int? productId = null,
        BillingInterval interval = BillingInterval.None, CheckoutLineKind lineKind = CheckoutLineKind.Product,
        int? priceId = null) =>
        new(key, productId ?? StableId(key), key, kind, priceId ?? StableId(key) + 10000, unitAmount, interval, quantity,
            lineKind, kind == ProductKind.Physical);

    private static int StableId(string key) => key.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)) & 0xFFF;

    public static PricingLine Beans(int quantity = 1) => Line("House Blend Beans", 2400, quantity, productId: 1, priceId: 101);

    public static PricingLine Kettle(int quantity = 1) => Line("Gooseneck Kettle", 5900, quantity, productId: 7, priceId: 107);

    public static PricingLine Grinder(int quantity = 1) => Line("Conical Burr Grinder", 12900, quantity, productId: 8, priceId: 108);

    public static PricingLine Masterclass() => Line("Brewing Masterclass", 3900, kind: ProductKind.Digital, productId: 10, priceId: 110);

    public static PricingLine RoastersChoice(BillingInterval interval) =>
        Line("Roaster's Choice Subscription", interval == BillingInterval.Year ? 22000 : 2200, kind: ProductKind.Subscription,
            productId: 12, interval: interval, priceId: interval == BillingInterval.Year ? 1122 : 1121);

    public static PricingLine GiftWrap() =>
        Line("Gift Wrap", 500, kind: ProductKind.AddOn, productId: 14, lineKind: CheckoutLineKind.AddOn, priceId: 114);

    public static PricingRequest Cart(params PricingLine[] lines) =>
        new("usd", lines, CustomerContext.Guest, null, null, null, Now);

    public static CustomerContext Member(long lifetimeSpend, string userId = "u-1") => new(userId, lifetimeSpend, "member@example.com");

    public static Quote Price(PricingRequest request, PricingRules rules) => PricingEngine.Default.Price(request, rules);
}
