using Storefront.Data.Promotions;
using Storefront.Web.Pricing;
using static Storefront.Tests.Unit.Pricing.PricingFixtures;

namespace Storefront.Tests.Unit.Pricing;

public sealed class PromoCodeTests
{
    private static Quote WithCode(string? code, PricingRules? rules = null, PricingRequest? cart = null) =>
        Price((cart ?? Cart(Kettle(), Beans(2))) with { PromotionCode = code }, rules ?? Seed);

    [Fact]
    public void NoCode_HasNoVerdict() => Assert.Equal(PromoCodeVerdict.NoCode, WithCode(null).PromoCode);

    [Fact]
    public void AnExpiredCode_IsRejectedWithItsReason()
    {
        var quote = WithCode("SUMMER25");

        Assert.Equal(new PromoCodeVerdict(PromoCodeStatus.Expired, "SUMMER25", "Code SUMMER25 has expired."), quote.PromoCode);
        Assert.True(quote.PromoCode.IsRejected);
        Assert.DoesNotContain(quote.Adjustments, a => a.Reason == AdjustmentReason.PromoCode);
    }

    [Fact]
    public void AWelcomeCode_IsAccepted_WhateverItsCaseAndSpacing_AndStacks()
    {
        var quote = WithCode("  welcome10 ");

        Assert.Equal(PromoCodeVerdict.Accepted("WELCOME10"), quote.PromoCode);
        Assert.Equal(new SessionDiscount(2140, "Spend 100, save 10 % + Welcome code"), quote.Discount);
        Assert.Contains(new Adjustment(AdjustmentReason.PromoCode, "Welcome code", 1070, WelcomeCode.Id), quote.Adjustments);
    }

    [Fact]
    public void AnUnknownCode_IsRejected() =>
        Assert.Equal(new PromoCodeVerdict(PromoCodeStatus.Unknown, "NOPE", "Code NOPE is not a valid code."), WithCode("nope").PromoCode);

    [Fact]
    public void ACodeBeforeItsStart_IsNotYetValid()
    {
        var winter = Promotion(30, "Winter", PromotionKind.Code, percentOff: 15) with
        {
            Code = "WINTER15",
            StartsAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        };

        var verdict = WithCode("WINTER15", Seed with { Promotions = [winter] }).PromoCode;

        Assert.Equal(PromoCodeStatus.NotYetValid, verdict.Status);
        Assert.Equal("Code WINTER15 is not valid yet.", verdict.Message);
    }

    [Fact]
    public void AFullyRedeemedCode_IsExhausted()
    {
        var used = WelcomeCode with { RedemptionCount = 500 };

        var verdict = WithCode("WELCOME10", Seed with { Promotions = [used] }).PromoCode;

        Assert.Equal(new PromoCodeVerdict(PromoCodeStatus.Exhausted, "WELCOME10", "Code WELCOME10 has been fully redeemed."), verdict);
    }

    [Fact]
    public void ACodeWithAMinimum_IsNotApplicableBelowIt_AndSaysHowMuch()
    {
        var big = Promotion(30, "Big basket", PromotionKind.Code, percentOff: 20) with { Code = "BIG20", ThresholdAmount = 20000 };

        var verdict = WithCode("BIG20", Seed with { Promotions = [big] }).PromoCode;

        Assert.Equal(PromoCodeStatus.NotApplicable, verdict.Status);
        Assert.Equal("Code BIG20 needs a subtotal of at least $200.00.", verdict.Message);
    }

    [Fact]
    public void ARegionalCode_NamesTheRegionItIsFor()
    {
        var maple = Promotion(30, "Maple", PromotionKind.Code, percentOff: 5) with { Code = "MAPLE", Country = "CA" };
        var rules = Seed with { Promotions = [maple] };

        Assert.Equal("Code MAPLE is only valid for delivery to CA.", WithCode("MAPLE", rules).PromoCode.Message);
        Assert.Equal(PromoCodeStatus.Accepted, WithCode("MAPLE", rules, Cart(Kettle()) with { ShippingAddress = Toronto }).PromoCode.Status);
    }

    [Fact]
    public void AnotherCustomersCode_IsNotApplicable()
    {
        var personal = Promotion(30, "Just for you", PromotionKind.Code, amountOff: 700) with { Code = "ANNA", CustomerUserId = "u-anna" };

        var verdict = WithCode("ANNA", Seed with { Promotions = [personal] }, Cart(Kettle()) with { Customer = Member(0, "u-bob") }).PromoCode;

        Assert.Equal("Code ANNA is not valid for your account.", verdict.Message);
    }

    [Fact]
    public void AnExclusiveCode_WinsOnlyWhenItIsWorthMore()
    {
        var liveSummer = SummerCode with { StartsAt = null, EndsAt = null };
        var rules = Seed with { Promotions = [SpendHundredSaveTenPercent, liveSummer] };

        // 25 % of 107.00 = 26.75 beats Gold 10.70 + threshold 10.70 = 21.40.
        var quote = WithCode("SUMMER25", rules, Cart(Kettle(), Beans(2)) with { Customer = Member(60000) });

        Assert.Equal(new SessionDiscount(2675, "Summer code (ended)"), quote.Discount);
        Assert.Equal(PromoCodeStatus.Accepted, quote.PromoCode.Status);
    }

    [Fact]
    public void AnExclusiveCodeWorthLess_IsOutranked_AndSaysSo()
    {
        var liveSummer = SummerCode with { StartsAt = null, EndsAt = null, PercentOff = 15 };
        var rules = Seed with { Promotions = [SpendHundredSaveTenPercent, liveSummer] };

        // 15 % of 107.00 = 16.05 loses to Gold 10.70 + threshold 10.70 = 21.40.
        var quote = WithCode("SUMMER25", rules, Cart(Kettle(), Beans(2)) with { Customer = Member(60000) });

        Assert.Equal(2140, quote.Totals.Discount);
        Assert.Equal(PromoCodeStatus.Outranked, quote.PromoCode.Status);
        Assert.Equal("Code SUMMER25 cannot be combined with the better offer your cart already has.", quote.PromoCode.Message);
        Assert.True(quote.PromoCode.IsRejected);
    }

    [Fact]
    public void ANonCodePromotion_CannotBeEnteredAsACode()
    {
        var hidden = CanadaLaunch with { Code = "CANADA" };

        Assert.Equal(PromoCodeStatus.Unknown, WithCode("CANADA", Seed with { Promotions = [hidden] }).PromoCode.Status);
    }
}
