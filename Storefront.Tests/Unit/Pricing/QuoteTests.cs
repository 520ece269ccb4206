using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Web.Pricing;
using static Storefront.Tests.Unit.Pricing.PricingFixtures;

namespace Storefront.Tests.Unit.Pricing;

public sealed class QuoteTests
{
    [Fact]
    public void ALineCostsItsUnitAmountTimesItsQuantity()
    {
        var quote = Price(Cart(Beans(3), Kettle()), Bare);

        Assert.Equal([7200L, 5900L], quote.Lines.Select(l => l.Subtotal));
        Assert.Equal(13100, quote.Totals.Subtotal);
        Assert.Equal(["House Blend Beans", "Gooseneck Kettle"], quote.Lines.Select(l => l.Key));
        Assert.Equal((1, 101, 2400L, 3, true), (quote.Lines[0].ProductId, quote.Lines[0].PriceId, quote.Lines[0].UnitAmount, quote.Lines[0].Quantity, quote.Lines[0].TracksStock));
    }

    [Fact]
    public void AnOverflowingLine_IsRefused() =>
        Assert.Throws<OverflowException>(() => Price(Cart(Line("Yacht", long.MaxValue / 2, 3)), Bare));

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, -1)]
    public void AnImpossibleLine_IsRefused(int quantity, long unitAmount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Price(Cart(Line("Odd", unitAmount, quantity)), Bare));

    [Fact]
    public void AnEmptyCart_CostsNothing()
    {
        var quote = Price(Cart(), Seed);

        Assert.Empty(quote.Lines);
        Assert.Equal(new QuoteTotals(0, 0, 0, 0, 0, 0), quote.Totals);
        Assert.Null(quote.Discount);
    }

    [Fact]
    public void TheTotal_IsSubtotalLessDiscountPlusShippingPlusExclusiveTax_AsStripeAddsItUp()
    {
        var quote = Price(Cart(Beans(2), Masterclass()) with
        {
            Customer = Member(20000),
            ShippingAddress = California,
            SelectedShippingRateId = PriorityRate.Id,
        }, Seed);

        // 87.00; Silver 5 % = 4.35 spread 2.40 / 1.95; CA 7.25 % of 45.60 = 3.306 → 3.31 and of 37.05 = 2.686125 → 2.69;
        // Priority shipping 12.00, untaxed.
        Assert.Equal([240L, 195L], quote.Lines.Select(l => l.Discount));
        Assert.Equal([331L, 269L], quote.Lines.Select(l => l.Tax));
        Assert.Equal(new QuoteTotals(8700, 435, 1200, 600, 0, 10065), quote.Totals);
        Assert.Equal(quote.Totals.Total, quote.Lines.Sum(l => l.Total) + quote.Totals.Shipping);
    }

    [Fact]
    public void AYenCart_HasWholeYenAmounts()
    {
        var rules = new PricingRules(
            [new TierTerms(1, "Platinum", 0, 15, null, "usd"), new TierTerms(2, "Gold", 50000, 10, 2500, "jpy")],
            [],
            [new ShippingRateTerms(1, "Japan Post", 800, "jpy", 2, 4, ["JP"], null)],
            [new TaxRateTerms(1, "Consumption tax", "JP", null, 10m, true, null)],
            null,
            "JP");
        var cart = new PricingRequest(
            "jpy",
            [Line("Matcha", 3333, 3), Line("Whisk", 1001)],
            Member(60000),
            new ShippingAddress("JP", null, "100-0001"),
            null,
            null,
            Now);

        var quote = Price(cart, rules);

        // ¥11,000; Gold 10 % = ¥1,100 (the USD tier does not apply) spread ¥1,000 / ¥100 by largest remainder;
        // 10 % consumption tax contained: 8,999 × 10 / 110 = 818.09 → 818 and 901 × 10 / 110 = 81.9 → 82.
        Assert.Equal("jpy", quote.Currency);
        Assert.Equal(new SessionDiscount(1100, "Gold member 10 %"), quote.Discount);
        Assert.Equal([1000L, 100L], quote.Lines.Select(l => l.Discount));
        Assert.Equal([818L, 82L], quote.Lines.Select(l => l.Tax));
        Assert.Equal(new QuoteTotals(11000, 1100, 800, 0, 900, 10700), quote.Totals);
    }

    [Fact]
    public void TheCurrency_IsCaseInsensitive_AndQuotedLowerCase()
    {
        var quote = Price(Cart(Kettle()) with { Currency = "USD", Customer = Member(60000) }, Seed);

        Assert.Equal("usd", quote.Currency);
        Assert.Equal(590, quote.Totals.Discount);
    }

    [Fact]
    public void TheEngine_RunsCustomRulesInOrder()
    {
        var engine = new PricingEngine([.. PricingEngine.DefaultRules(), new HouseDiscount()]);

        var quote = engine.Price(Cart(Beans()), Bare);

        Assert.Equal(new SessionDiscount(100, "House"), quote.Discount);
        Assert.Equal([100, 200, 210, 220, 230, 240, 250, 260, 300, 400, 500, 600, 700], engine.Rules.Select(r => r.Order));
    }

    private sealed class HouseDiscount : IPricingRule
    {
        public int Order => PricingStage.PromoCode + 10;

        public void Apply(PricingContext context) =>
            context.Candidates.Add(new DiscountCandidate(AdjustmentReason.TimeWindow, "House", 100, true, 0, 0));
    }

    [Fact]
    public void QuoteLines_CarryWhatTheSessionNeeds()
    {
        var quote = Price(Cart(RoastersChoice(BillingInterval.Year), GiftWrap()), Bare);

        Assert.Equal((ProductKind.Subscription, BillingInterval.Year, CheckoutLineKind.Product, false),
            (quote.Lines[0].ProductKind, quote.Lines[0].Interval, quote.Lines[0].Kind, quote.Lines[0].TracksStock));
        Assert.Equal(CheckoutLineKind.AddOn, quote.Lines[1].Kind);
    }
}
