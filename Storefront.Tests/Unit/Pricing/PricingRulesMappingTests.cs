using Storefront.Data.Catalog;
using Storefront.Data.Loyalty;
using Storefront.Data.Promotions;
using Storefront.Data.Shipping;
using Storefront.Data.Tax;
using Storefront.Web.Pricing;

namespace Storefront.Tests.Unit.Pricing;

public sealed class PricingRulesMappingTests
{
    [Fact]
    public void TheSnapshot_HoldsTheActiveRules_AsTheEngineSeesThem()
    {
        var threshold = new Promotion("Spend 100, save 10 %", PromotionKind.CartThreshold, DiscountType.Percent, 10, 0, "USD");
        threshold.SetPolicy(stackable: true, priority: 20, capAmount: 2000);
        threshold.SetThreshold(10000);
        var retired = new Promotion("Spend 100, save 10.00", PromotionKind.CartThreshold, DiscountType.Amount, 0, 1000, "usd");
        retired.Deactivate();
        var summer = new Promotion("Summer code (ended)", PromotionKind.Code, DiscountType.Percent, 25, 0, "usd");
        summer.SetCode("summer25");
        summer.SetWindow(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero));
        var standard = new ShippingRate("Standard", 500, "usd", 3, 5, ["us", "CA"]);
        var closed = new ShippingRate("Closed", 100, "usd", 1, 1, ["US"]);
        closed.Deactivate();
        var vat = new TaxRate("VAT", "gb", null, 20m, inclusive: true);
        var spoon = new Product("tasting-spoon", "Cupping Spoon", "Gifts", ProductKind.Physical);
        spoon.MarkComplimentary(true);
        var spoonPrice = spoon.AddPrice("usd", 0, BillingInterval.None);

        var rules = PricingRules.From(
            [new LoyaltyTier("Gold", 50000, 10, 2500, "usd"), new LoyaltyTier("Silver", 20000, 5, 1000, "usd")],
            [threshold, retired, summer],
            [standard, closed],
            [vat],
            spoon,
            spoonPrice,
            15000,
            "us");

        Assert.Equal(["Silver", "Gold"], rules.LoyaltyTiers.Select(t => t.Name));
        Assert.Equal(["Spend 100, save 10 %", "Summer code (ended)"], rules.Promotions.Select(p => p.Name));
        var mapped = rules.Promotions[0];
        Assert.Equal(("usd", 10, 2000L, 10000L, true, 20), (mapped.Currency, mapped.PercentOff, mapped.CapAmount, mapped.ThresholdAmount, mapped.Stackable, mapped.Priority));
        Assert.Equal("SUMMER25", rules.Promotions[1].Code);
        Assert.Equal(["US", "CA"], Assert.Single(rules.ShippingRates).Countries);
        Assert.Equal(new TaxRateTerms(0, "VAT", "GB", null, 20m, true, null), Assert.Single(rules.TaxRates));
        Assert.Equal(new ComplimentaryItem(0, "Cupping Spoon", ProductKind.Physical, 0, 15000), rules.Complimentary);
        Assert.Equal("US", rules.DefaultCountry);
    }

    [Fact]
    public void WithoutAComplimentaryPrice_ThereIsNoComplimentaryItem()
    {
        var spoon = new Product("tasting-spoon", "Cupping Spoon", "Gifts", ProductKind.Physical);

        Assert.Null(PricingRules.From([], [], [], [], spoon, null, 15000, "US").Complimentary);
    }
}
