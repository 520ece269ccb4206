using Storefront.Data.Catalog;
using Storefront.Web.Pricing;
using static Storefront.Tests.Unit.Pricing.PricingFixtures;

namespace Storefront.Tests.Unit.Pricing;

public sealed class ShippingTests
{
    [Fact]
    public void StandardShippingIsFreeOver75()
    {
        var over = Price(Cart(Kettle(), Beans()) with { ShippingAddress = NewYork }, Bare); // 83.00

        Assert.Equal(
            [new ShippingOption(Standard.Id, "Standard", 0, 500, 3, 5), new ShippingOption(PriorityRate.Id, "Priority", 1200, 1200, 1, 2)],
            over.ShippingOptions);
        Assert.Equal(Standard.Id, over.SelectedShipping?.RateId);
        Assert.Equal(0, over.Totals.Shipping);
        Assert.Contains(new Adjustment(AdjustmentReason.FreeShipping, "Standard", 500, Standard.Id), over.Adjustments);

        var under = Price(Cart(Beans(3)) with { ShippingAddress = NewYork }, Bare); // 72.00

        Assert.Equal([500L, 1200L], under.ShippingOptions.Select(o => o.Amount));
        Assert.Equal(500, under.Totals.Shipping);
        Assert.DoesNotContain(under.Adjustments, a => a.Reason == AdjustmentReason.FreeShipping);
    }

    [Fact]
    public void ShippingIsFreeFromExactly75()
    {
        Assert.Equal(0, Price(Cart(Line("Voucher", 7500)), Bare).Totals.Shipping);
        Assert.Equal(500, Price(Cart(Line("Voucher", 7499)), Bare).Totals.Shipping);
    }

    [Fact]
    public void FreeShipping_IsMeasuredAfterTheDiscount()
    {
        // 83.00 less Gold 8.30 is 74.70: Standard costs 5.00 again.
        var quote = Price(Cart(Kettle(), Beans()) with { Customer = Member(60000) }, Bare with { LoyaltyTiers = [Gold] });

        Assert.Equal(500, quote.Totals.Shipping);
    }

    [Fact]
    public void BeforeAnAddress_OptionsAreThoseOfTheDefaultCountry()
    {
        var quote = Price(Cart(Beans()), Bare);

        Assert.True(quote.RequiresShipping);
        Assert.Equal(["Standard", "Priority"], quote.ShippingOptions.Select(o => o.DisplayName));
    }

    [Fact]
    public void AGermanAddress_IsOfferedInternationalShippingOnly()
    {
        var quote = Price(Cart(Beans()) with { ShippingAddress = Berlin }, Bare);

        Assert.Equal(new ShippingOption(International.Id, "International", 1500, 1500, 6, 10), Assert.Single(quote.ShippingOptions));
        Assert.Equal(1500, quote.Totals.Shipping);
    }

    [Fact]
    public void TheShoppersChoice_StaysSelected_WhileItIsOffered()
    {
        var priority = Price(Cart(Beans()) with { SelectedShippingRateId = PriorityRate.Id }, Bare);
        Assert.Equal(PriorityRate.Id, priority.SelectedShipping?.RateId);
        Assert.Equal(1200, priority.Totals.Shipping);

        // Priority does not serve Canada: back to the first (cheapest) option.
        var moved = Price(Cart(Beans()) with { SelectedShippingRateId = PriorityRate.Id, ShippingAddress = Toronto }, Bare);
        Assert.Equal(Standard.Id, moved.SelectedShipping?.RateId);
    }

    [Fact]
    public void AnUnservedCountry_GetsNoOptions()
    {
        var quote = Price(Cart(Beans()) with { ShippingAddress = new ShippingAddress("BR", null, null) }, Bare);

        Assert.True(quote.RequiresShipping);
        Assert.Empty(quote.ShippingOptions);
        Assert.Null(quote.SelectedShipping);
        Assert.Equal(0, quote.Totals.Shipping);
    }

    [Fact]
    public void DigitalOnlyCarts_HaveNoShipping()
    {
        var quote = Price(Cart(Masterclass(), RoastersChoice(BillingInterval.Month), GiftWrap()) with { ShippingAddress = NewYork }, Bare);

        Assert.False(quote.RequiresShipping);
        Assert.Empty(quote.ShippingOptions);
        Assert.Null(quote.SelectedShipping);
        Assert.Equal(0, quote.Totals.Shipping);
    }

    [Fact]
    public void ARateInAnotherCurrency_IsNotOffered()
    {
        var euroRate = Standard with { Id = 9, Currency = "eur", Amount = 100 };

        var quote = Price(Cart(Beans()), Bare with { ShippingRates = [euroRate, PriorityRate] });

        Assert.Equal([PriorityRate.Id], quote.ShippingOptions.Select(o => o.RateId));
    }
}
