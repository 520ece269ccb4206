using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Web.Pricing;
using static Storefront.Tests.Unit.Pricing.PricingFixtures;

namespace Storefront.Tests.Unit.Pricing;

public sealed class ComplimentaryItemTests
{
    private static readonly PricingRules WithSpoon = Bare with { Complimentary = Spoon };

    private static PricingLine SpoonLine(long unitAmount = 0) =>
        Line("spoon-line", unitAmount, kind: ProductKind.Physical, productId: Spoon.ProductId, priceId: Spoon.PriceId,
            lineKind: CheckoutLineKind.Complimentary);

    [Fact]
    public void TheComplimentaryItem_AppearsAtTheThreshold_AndDisappearsBelowIt()
    {
        var atThreshold = Price(Cart(Line("Voucher", 15000)), WithSpoon);

        var spoon = atThreshold.Lines[^1];
        Assert.Equal(2, atThreshold.Lines.Count);
        Assert.Equal((CheckoutLineKind.Complimentary, Spoon.ProductId, Spoon.PriceId, "Cupping Spoon", 0L, 1, 0L),
            (spoon.Kind, spoon.ProductId, spoon.PriceId, spoon.Name, spoon.UnitAmount, spoon.Quantity, spoon.Total));
        Assert.Contains(new Adjustment(AdjustmentReason.Complimentary, "Cupping Spoon", 0, Spoon.ProductId), atThreshold.Adjustments);
        Assert.Equal(15000, atThreshold.Totals.Subtotal);

        var below = Price(Cart(Line("Voucher", 14999), SpoonLine()), WithSpoon);

        Assert.DoesNotContain(below.Lines, l => l.Kind == CheckoutLineKind.Complimentary);
        Assert.DoesNotContain(below.Adjustments, a => a.Reason == AdjustmentReason.Complimentary);
    }

    [Fact]
    public void TheComplimentaryItem_KeepsItsLineKey_WhenTheCartAlreadyHasIt()
    {
        var quote = Price(Cart(SpoonLine(), Grinder(2)), WithSpoon);

        Assert.Equal(["Conical Burr Grinder", "spoon-line"], quote.Lines.Select(l => l.Key));
    }

    [Fact]
    public void TheThreshold_IsMeasuredAfterTheDiscount()
    {
        var rules = WithSpoon with { LoyaltyTiers = [Gold] };

        // 153.00 less Gold 15.30 is 137.70: below 150.00.
        var quote = Price(Cart(Grinder(), Beans()) with { Customer = Member(60000) }, rules);

        Assert.Equal(1530, quote.Totals.Discount);
        Assert.DoesNotContain(quote.Lines, l => l.Kind == CheckoutLineKind.Complimentary);
    }

    [Fact]
    public void TheComplimentaryItem_NeverCountsTowardThresholds_EvenWithAForgedPrice()
    {
        var quote = Price(Cart(Line("Voucher", 14000), SpoonLine(unitAmount: 5000)), WithSpoon);

        Assert.Equal(14000, quote.Totals.Subtotal);
        Assert.Single(quote.Lines);
    }

    [Fact]
    public void APhysicalGift_IsNotAddedToACartThatShipsNothing()
    {
        var quote = Price(Cart(RoastersChoice(BillingInterval.Year)), WithSpoon);

        Assert.Single(quote.Lines);
        Assert.False(quote.RequiresShipping);
    }

    [Fact]
    public void WithoutAComplimentaryProduct_NoGiftIsGiven()
    {
        var quote = Price(Cart(Grinder(2), SpoonLine()), Bare);

        Assert.Equal(["Conical Burr Grinder"], quote.Lines.Select(l => l.Key));
    }
}
