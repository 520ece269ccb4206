using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Promotions;
using Storefront.Web.Pricing;
using static Storefront.Tests.Unit.Pricing.PricingFixtures;

namespace Storefront.Tests.Unit.Pricing;

/// <summary>Random carts against random rule sets (seeded, so a failure replays): the quote's sums always hold.</summary>
public sealed class QuoteInvariantTests
{
    private static readonly string[] Countries = ["US", "CA", "DE", "GB", "JP", "BR"];
    private static readonly string?[] States = [null, "NY", "CA", "TX"];

    [Fact]
    public void RandomCarts_KeepTheQuotesSumsConsistent()
    {
        var random = new Random(424242);
        for (var run = 0; run < 400; run++)
        {
            var rules = RandomRules(random);
            var request = RandomRequest(random, rules);

            var quote = Price(request, rules);

            var eligible = quote.Lines.Where(l => l.Kind != CheckoutLineKind.Complimentary).Sum(l => l.Subtotal);
            var t = quote.Totals;
            var context = $"run {run}";
            Assert.True(t.Discount >= 0 && t.Discount <= eligible, context);
            Assert.Equal(quote.Discount?.Amount ?? 0, t.Discount);
            Assert.Equal(t.Discount, quote.Lines.Sum(l => l.Discount));
            Assert.Equal(t.Discount, quote.Adjustments.Where(a => a.Reason is not (AdjustmentReason.FreeShipping or AdjustmentReason.Complimentary)).Sum(a => a.Amount));
            Assert.Equal(t.Subtotal, quote.Lines.Sum(l => l.Subtotal));
            Assert.Equal(t.Total, quote.Lines.Sum(l => l.Total) + t.Shipping);
            Assert.Equal(t.Total, t.Subtotal - t.Discount + t.Shipping + t.TaxExclusive);
            Assert.True(t.Total >= 0, context);
            Assert.All(quote.Lines, l => Assert.InRange(l.Discount, 0, l.Subtotal));
            Assert.True((quote.Discount?.Name.Length ?? 0) <= SessionDiscount.MaxNameLength, context);
            Assert.True(quote.Lines.Count(l => l.Kind == CheckoutLineKind.Complimentary) <= 1, context);
            if (!quote.RequiresShipping)
            {
                Assert.Empty(quote.ShippingOptions);
            }

            for (var i = 1; i < quote.ShippingOptions.Count; i++)
            {
                Assert.True(quote.ShippingOptions[i - 1].Amount <= quote.ShippingOptions[i].Amount, context);
            }
        }
    }

    private static PricingRules RandomRules(Random random)
    {
        var promotions = new PromotionTerms[random.Next(0, 8)];
        for (var i = 0; i < promotions.Length; i++)
        {
            var kind = (PromotionKind)random.Next(0, 5);
            var percent = random.Next(2) == 0;
            promotions[i] = Promotion(
                100 + i, $"Offer {i} with a rather long name", kind,
                percentOff: percent ? random.Next(1, 101) : 0,
                amountOff: percent ? 0 : random.Next(1, 20000),
                cap: random.Next(3) == 0 ? random.Next(1, 5000) : null,
                stackable: random.Next(3) != 0,
                priority: random.Next(0, 5)) with
            {
                ThresholdAmount = kind == PromotionKind.CartThreshold || random.Next(5) == 0 ? random.Next(0, 20000) : null,
                Country = kind == PromotionKind.Region ? Countries[random.Next(Countries.Length)] : null,
                CustomerUserId = kind == PromotionKind.CustomerSpecific ? "u-1" : null,
                Code = kind == PromotionKind.Code ? $"CODE{i}" : null,
            };
        }

        return Seed with
        {
            Promotions = promotions,
            Complimentary = Spoon with { Threshold = random.Next(0, 30000) },
        };
    }

    private static PricingRequest RandomRequest(Random random, PricingRules rules)
    {
        var kinds = new[] { ProductKind.Physical, ProductKind.Digital, ProductKind.Subscription, ProductKind.AddOn };
        var lines = new PricingLine[random.Next(0, 10)];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = Line($"line-{i}", random.Next(0, 30000), random.Next(1, 6), kinds[random.Next(kinds.Length)]);
        }

        if (lines.Length > 0 && random.Next(4) == 0)
        {
            lines[0] = lines[0] with { Kind = CheckoutLineKind.Complimentary };
        }

        var address = random.Next(4) == 0 ? null : new ShippingAddress(Countries[random.Next(Countries.Length)], States[random.Next(States.Length)], null);
        var codes = rules.Promotions.Where(p => p.Code is not null).Select(p => p.Code!).Append("SUMMER25").Append("NOPE").ToArray();
        return new PricingRequest(
            "usd",
            lines,
            random.Next(2) == 0 ? CustomerContext.Guest : Member(random.Next(0, 200000)),
            address,
            random.Next(2) == 0 ? null : codes[random.Next(codes.Length)],
            random.Next(2) == 0 ? null : random.Next(1, 4),
            Now);
    }
}
