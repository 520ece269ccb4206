using Storefront.Web.Pricing;
using static Storefront.Tests.Unit.Pricing.PricingFixtures;

namespace Storefront.Tests.Unit.Pricing;

public sealed class TaxTests
{
    private static readonly PricingRules Taxed = Bare with { TaxRates = Seed.TaxRates };

    [Fact]
    public void NewYorkTaxIsAddedOnTheDiscountedLineAmount()
    {
        var rules = Taxed with { LoyaltyTiers = [Gold] };

        var quote = Price(Cart(Kettle(), Beans(2)) with { Customer = Member(60000), ShippingAddress = NewYork }, rules);

        // Gold 10.70 spread 5.90 / 4.80; tax 8.875 % of 53.10 = 4.712625 → 4.71 and of 43.20 = 3.834 → 3.83.
        Assert.Equal([590L, 480L], quote.Lines.Select(l => l.Discount));
        Assert.Equal([471L, 383L], quote.Lines.Select(l => l.Tax));
        Assert.Equal([5781L, 4703L], quote.Lines.Select(l => l.Total));
        Assert.All(quote.Lines, l => Assert.Equal(new AppliedTaxRate(NewYorkTax.Id, "New York sales tax", 8.875m, false, null), l.TaxRate));
        Assert.Equal(new QuoteTotals(10700, 1070, 0, 854, 0, 10484), quote.Totals);
        Assert.Equal(854, quote.Totals.Tax);
    }

    [Fact]
    public void ShippingIsNotTaxed()
    {
        var quote = Price(Cart(Beans()) with { ShippingAddress = NewYork }, Taxed);

        Assert.Equal(new QuoteTotals(2400, 0, 500, 213, 0, 3113), quote.Totals);
    }

    [Fact]
    public void GermanVatIsContainedInThePrice()
    {
        var quote = Price(Cart(Kettle()) with { ShippingAddress = Berlin }, Taxed);

        // 59.00 × 19 / 119 = 9.4201… → 9.42, inside the 59.00.
        var line = Assert.Single(quote.Lines);
        Assert.Equal((942L, 5900L), (line.Tax, line.Total));
        Assert.True(line.TaxRate?.Inclusive);
        Assert.Equal(new QuoteTotals(5900, 0, 1500, 0, 942, 7400), quote.Totals);
        Assert.Equal(942, quote.Totals.Tax);
    }

    [Fact]
    public void AStateRate_BeatsTheCountryWideRate()
    {
        var federal = new TaxRateTerms(9, "US sales tax", "US", null, 5m, false, null);
        var rules = Bare with { TaxRates = [federal, NewYorkTax] };

        Assert.Equal(213, Price(Cart(Beans()) with { ShippingAddress = NewYork }, rules).Totals.TaxExclusive);
        Assert.Equal(120, Price(Cart(Beans()) with { ShippingAddress = new ShippingAddress("US", "TX", null) }, rules).Totals.TaxExclusive);
    }

    [Fact]
    public void WithoutAnAddress_OrARateForIt_ThereIsNoTax()
    {
        Assert.Equal(0, Price(Cart(Beans()), Taxed).Totals.Tax);
        var oregon = Price(Cart(Beans()) with { ShippingAddress = new ShippingAddress("US", "OR", null) }, Taxed);
        Assert.Equal(0, oregon.Totals.Tax);
        Assert.Null(oregon.Lines[0].TaxRate);
    }

    [Theory]
    [InlineData(200, "7.25", false, 15)] // 14.5 → 15
    [InlineData(199, "7.25", false, 14)] // 14.4275 → 14
    [InlineData(3, "20", true, 1)] // 0.5 → 1
    [InlineData(11900, "19", true, 1900)]
    [InlineData(0, "20", false, 0)]
    public void TaxRoundsHalfAwayFromZero(long amount, string percentage, bool inclusive, long expected) =>
        Assert.Equal(expected, TaxRule.TaxOn(amount, decimal.Parse(percentage, System.Globalization.CultureInfo.InvariantCulture), inclusive));
}
