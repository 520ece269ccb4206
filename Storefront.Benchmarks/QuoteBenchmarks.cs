using BenchmarkDotNet.Attributes;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Promotions;
using Storefront.Web.Pricing;

namespace Storefront.Benchmarks;

/// <summary>One quote for a 10-line cart against 20 promotions, tiers, shipping and tax (target: ≤ 5 µs).</summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class QuoteBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    private readonly PricingEngine engine = PricingEngine.Default;
    private PricingRules rules = PricingRules.Empty;
    private PricingRequest request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var promotions = new PromotionTerms[20];
        var kinds = new[] { PromotionKind.CartThreshold, PromotionKind.TimeWindow, PromotionKind.Region, PromotionKind.CustomerSpecific, PromotionKind.Code };
        for (var i = 0; i < promotions.Length; i++)
        {
            var kind = kinds[i % kinds.Length];
            var percent = i % 2 == 0;
            promotions[i] = new PromotionTerms(
                Id: i + 1,
                Name: $"Offer {i + 1}",
                Kind: kind,
                DiscountType: percent ? DiscountType.Percent : DiscountType.Amount,
                PercentOff: percent ? 5 + i : 0,
                AmountOff: percent ? 0 : 300 + (i * 50),
                Currency: "usd",
                CapAmount: i % 3 == 0 ? 2500 : null,
                Stackable: i % 4 != 3,
                Priority: i % 5,
                StartsAt: kind == PromotionKind.TimeWindow ? Now.AddDays(-1) : null,
                EndsAt: kind == PromotionKind.TimeWindow ? Now.AddDays(i - 5) : null,
                ThresholdAmount: kind == PromotionKind.CartThreshold ? 5000 * i : null,
                Country: kind == PromotionKind.Region ? (i % 2 == 0 ? "US" : "CA") : null,
                State: kind == PromotionKind.Region && i % 2 == 0 ? "NY" : null,
                CustomerUserId: kind == PromotionKind.CustomerSpecific ? (i % 2 == 0 ? "u-1" : "u-2") : null,
                Code: kind == PromotionKind.Code ? $"CODE{i}" : null,
                RedemptionLimit: kind == PromotionKind.Code ? 100 : null,
                RedemptionCount: 10);
        }

        rules = new PricingRules(
            [new TierTerms(1, "Silver", 20000, 5, 1000, "usd"), new TierTerms(2, "Gold", 50000, 10, 2500, "usd"), new TierTerms(3, "Platinum", 150000, 15, 5000, "usd")],
            promotions,
            [
                new ShippingRateTerms(1, "Standard", 500, "usd", 3, 5, ["US", "CA"], 7500),
                new ShippingRateTerms(2, "Priority", 1200, "usd", 1, 2, ["US"], null),
                new ShippingRateTerms(3, "International", 1500, "usd", 6, 10, ["GB", "DE", "FR", "JP"], null),
            ],
            [
                new TaxRateTerms(1, "California sales tax", "US", "CA", 7.25m, false, null),
                new TaxRateTerms(2, "New York sales tax", "US", "NY", 8.875m, false, null),
                new TaxRateTerms(3, "VAT", "GB", null, 20m, true, null),
            ],
            new ComplimentaryItem(99, "Cupping Spoon", ProductKind.Physical, 990, 15000),
            "US");

        var lines = new PricingLine[10];
        for (var i = 0; i < lines.Length; i++)
        {
            var kind = i % 4 == 3 ? ProductKind.Digital : ProductKind.Physical;
            lines[i] = new PricingLine($"line-{i}", i + 1, $"Product {i + 1}", kind, 100 + i, 1900 + (i * 700), BillingInterval.None,
                1 + (i % 3), CheckoutLineKind.Product, kind == ProductKind.Physical);
        }

        request = new PricingRequest("usd", lines, new CustomerContext("u-1", 60000, "member@example.com"),
            new ShippingAddress("US", "NY", "10001"), "CODE4", 2, Now);
    }

    [Benchmark]
    public Quote Quote() => engine.Price(request, rules);
}
