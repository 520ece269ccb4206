using Storefront.Data.Promotions;
using Storefront.Web.Pricing;
using static Storefront.Tests.Unit.Pricing.PricingFixtures;

namespace Storefront.Tests.Unit.Pricing;

public sealed class DiscountRuleTests
{
    private static readonly PricingRules TiersOnly = Bare with { LoyaltyTiers = [Silver, Gold, Platinum] };

    [Theory]
    [InlineData(1, 590)] // 10 % of 59.00
    [InlineData(4, 2360)] // 10 % of 236.00
    [InlineData(5, 2500)] // 10 % of 295.00 is 29.50: capped at 25.00
    public void AGoldMember_Gets10PercentOff_CappedAt25(int kettles, long expectedDiscount)
    {
        var quote = Price(Cart(Kettle(kettles)) with { Customer = Member(60000) }, TiersOnly);

        Assert.Equal(expectedDiscount, quote.Totals.Discount);
        Assert.Equal(new SessionDiscount(expectedDiscount, "Gold member 10 %"), quote.Discount);
        var adjustment = Assert.Single(quote.Adjustments, a => a.Reason != AdjustmentReason.FreeShipping);
        Assert.Equal(new Adjustment(AdjustmentReason.LoyaltyTier, "Gold member 10 %", expectedDiscount, Gold.Id), adjustment);
    }

    [Theory]
    [InlineData(19999, null)]
    [InlineData(20000, "Silver member 5 %")]
    [InlineData(150000, "Platinum member 15 %")]
    public void AMember_GetsTheHighestTierTheirLifetimeSpendReaches(long lifetimeSpend, string? expectedName)
    {
        var quote = Price(Cart(Kettle()) with { Customer = Member(lifetimeSpend) }, TiersOnly);

        Assert.Equal(expectedName, quote.Discount?.Name);
    }

    [Fact]
    public void AGuest_GetsNoTierDiscount_WhateverTheSpendSays()
    {
        var quote = Price(Cart(Kettle()) with { Customer = new CustomerContext(null, 1_000_000, null) }, TiersOnly);

        Assert.Null(quote.Discount);
        Assert.Equal(0, quote.Totals.Discount);
    }

    [Theory]
    [InlineData(4, 0)] // 96.00: below the threshold
    [InlineData(5, 1200)] // 120.00: 10 %
    [InlineData(9, 2000)] // 216.00: 21.60 capped at 20.00
    public void ACartOver100_Gets10PercentOff_CappedAt20(int bags, long expectedDiscount)
    {
        var quote = Price(Cart(Beans(bags)), Bare with { Promotions = [SpendHundredSaveTenPercent] });

        Assert.Equal(expectedDiscount, quote.Totals.Discount);
    }

    [Fact]
    public void ACartOfExactly100_ReachesTheThreshold()
    {
        var quote = Price(Cart(Line("Voucher", 10000)), Bare with { Promotions = [SpendHundredSaveTenPercent] });

        Assert.Equal(1000, quote.Totals.Discount);
    }

    [Theory]
    [InlineData(9999, 0)]
    [InlineData(10000, 1000)]
    public void ACartOver100_Gets10Off(long subtotal, long expectedDiscount)
    {
        var quote = Price(Cart(Line("Voucher", subtotal)), Bare with { Promotions = [SpendHundredSaveTen] });

        Assert.Equal(expectedDiscount, quote.Totals.Discount);
    }

    [Theory]
    [InlineData(10000, "Spend 100, save 10 %", 1000)] // 10.00 either way: a tie goes to the stackable offer
    [InlineData(20000, "Spend 100, save 10 %", 2000)]
    public void TheTwoSeededThresholdOffers_DoNotAddUp(long subtotal, string expectedName, long expectedDiscount)
    {
        var rules = Bare with { Promotions = [SpendHundredSaveTen, SpendHundredSaveTenPercent] };

        var quote = Price(Cart(Line("Voucher", subtotal)), rules);

        Assert.Equal(new SessionDiscount(expectedDiscount, expectedName), quote.Discount);
    }

    [Fact]
    public void TheFlatTenOff_WinsWhenThePercentOfferIsCappedBelowIt()
    {
        var smallCap = SpendHundredSaveTenPercent with { CapAmount = 800 };

        var quote = Price(Cart(Line("Voucher", 15000)), Bare with { Promotions = [SpendHundredSaveTen, smallCap] });

        Assert.Equal(new SessionDiscount(1000, "Spend 100, save 10.00"), quote.Discount);
    }

    [Fact]
    public void AnAmountOff_NeverExceedsTheCart()
    {
        var fiftyOff = Promotion(20, "50.00 off", PromotionKind.TimeWindow, amountOff: 5000);

        var quote = Price(Cart(Beans()), Bare with { Promotions = [fiftyOff] });

        Assert.Equal(2400, quote.Totals.Discount);
        Assert.Equal(0, quote.Totals.Total - quote.Totals.Shipping);
    }

    [Fact]
    public void PercentDiscounts_RoundHalfAwayFromZero()
    {
        var fivePercent = Promotion(20, "5 %", PromotionKind.TimeWindow, percentOff: 5);

        Assert.Equal(1, Price(Cart(Line("Sticker", 10)), Bare with { Promotions = [fivePercent] }).Totals.Discount); // 0.5 → 1
        Assert.Equal(0, Price(Cart(Line("Sticker", 9)), Bare with { Promotions = [fivePercent] }).Totals.Discount); // 0.45 → 0
    }

    [Fact]
    public void PercentDiscounts_AreTakenOnTheSubtotal_NotCompounded()
    {
        var rules = Bare with { LoyaltyTiers = [Gold], Promotions = [SpendHundredSaveTenPercent] };

        var quote = Price(Cart(Kettle(), Beans(2)) with { Customer = Member(60000) }, rules);

        // 107.00: Gold 10.70 and 10 % 10.70 (not 10 % of 96.30).
        Assert.Equal(2140, quote.Totals.Discount);
        Assert.Equal("Gold member 10 % + Spend 100, save 10 %", quote.Discount?.Name);
    }

    [Fact]
    public void ABlackFridayOffer_IsLiveOnlyInsideItsWindow()
    {
        var start = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var blackFriday = Promotion(20, "Black Friday 20 %", PromotionKind.TimeWindow, percentOff: 20) with
        {
            StartsAt = start,
            EndsAt = start.AddDays(3),
        };
        var rules = Bare with { Promotions = [blackFriday] };
        long DiscountAt(DateTimeOffset now) => Price(Cart(Kettle()) with { Now = now }, rules).Totals.Discount;

        Assert.Equal(0, DiscountAt(start.AddTicks(-1)));
        Assert.Equal(1180, DiscountAt(start));
        Assert.Equal(1180, DiscountAt(start.AddDays(3).AddTicks(-1)));
        Assert.Equal(0, DiscountAt(start.AddDays(3)));
    }

    [Fact]
    public void TheCanadaLaunchOffer_AppliesToCanadianAddressesOnly()
    {
        var rules = Bare with { Promotions = [CanadaLaunch] };
        var cart = Cart(Kettle(), Beans(2)); // 107.00

        Assert.Equal(535, Price(cart with { ShippingAddress = Toronto }, rules).Totals.Discount);
        Assert.Equal(0, Price(cart with { ShippingAddress = NewYork }, rules).Totals.Discount);
        Assert.Equal(0, Price(cart, rules).Totals.Discount);
    }

    [Fact]
    public void AStateOffer_NeedsTheStateAsWellAsTheCountry()
    {
        var newYorkers = Promotion(20, "NYC week", PromotionKind.Region, percentOff: 10) with { Country = "US", State = "NY" };
        var rules = Bare with { Promotions = [newYorkers] };

        Assert.Equal(590, Price(Cart(Kettle()) with { ShippingAddress = NewYork }, rules).Totals.Discount);
        Assert.Equal(0, Price(Cart(Kettle()) with { ShippingAddress = California }, rules).Totals.Discount);
    }

    [Fact]
    public void ACustomerOffer_IsForThatCustomerOnly()
    {
        var apology = Promotion(20, "Sorry about the delay", PromotionKind.CustomerSpecific, amountOff: 500) with { CustomerUserId = "u-42" };
        var rules = Bare with { Promotions = [apology] };

        Assert.Equal(500, Price(Cart(Kettle()) with { Customer = Member(0, "u-42") }, rules).Totals.Discount);
        Assert.Equal(0, Price(Cart(Kettle()) with { Customer = Member(0, "u-7") }, rules).Totals.Discount);
        Assert.Equal(0, Price(Cart(Kettle()), rules).Totals.Discount);
    }

    [Fact]
    public void APromotionInAnotherCurrency_DoesNotApply()
    {
        var euros = Promotion(20, "5.00 off", PromotionKind.TimeWindow, amountOff: 500, currency: "eur");

        Assert.Equal(0, Price(Cart(Kettle()), Bare with { Promotions = [euros] }).Totals.Discount);
    }

    [Fact]
    public void AnExhaustedPromotion_DoesNotApply()
    {
        var firstHundred = Promotion(20, "First 100", PromotionKind.TimeWindow, percentOff: 10) with { RedemptionLimit = 100, RedemptionCount = 100 };

        Assert.Equal(0, Price(Cart(Kettle()), Bare with { Promotions = [firstHundred] }).Totals.Discount);
    }

    [Fact]
    public void TheSeededRules_GiveAGoldMemberTheirTierAndTheThresholdOffer()
    {
        var quote = Price(Cart(Kettle(), Beans(2)) with { Customer = Member(60000), ShippingAddress = NewYork }, Seed);

        Assert.Equal(new SessionDiscount(2140, "Gold member 10 % + Spend 100, save 10 %"), quote.Discount);
        Assert.Equal(
            [AdjustmentReason.LoyaltyTier, AdjustmentReason.CartThreshold, AdjustmentReason.FreeShipping],
            quote.Adjustments.Select(a => a.Reason));
    }
}
