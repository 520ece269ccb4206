using Storefront.Web.Money;

namespace Storefront.Tests.Unit.Money;

public sealed class MoneyFormatterTests
{
    [Theory]
    [InlineData(0, "usd", "$0.00")]
    [InlineData(5, "usd", "$0.05")]
    [InlineData(2400, "usd", "$24.00")]
    [InlineData(123456789, "usd", "$1,234,567.89")]
    [InlineData(-1999, "usd", "-$19.99")]
    [InlineData(1250, "EUR", "€12.50")]
    [InlineData(500, "gbp", "£5.00")]
    public void TwoDecimalCurrencies_ShowCentsAndGroupThousands(long amount, string currency, string expected) =>
        Assert.Equal(expected, MoneyFormatter.Format(amount, currency));

    [Theory]
    [InlineData(0, "jpy", "¥0")]
    [InlineData(1234, "jpy", "¥1,234")]
    [InlineData(1500000, "JPY", "¥1,500,000")]
    [InlineData(50000, "krw", "₩50,000")]
    [InlineData(2500, "vnd", "VND 2,500")]
    public void ZeroDecimalCurrencies_HaveNoDecimals_AndTheAmountIsWholeUnits(long amount, string currency, string expected) =>
        Assert.Equal(expected, MoneyFormatter.Format(amount, currency));

    [Fact]
    public void ThreeDecimalCurrencies_ShowThreeDecimals() =>
        Assert.Equal("KWD 1.005", MoneyFormatter.Format(1005, "kwd"));

    [Fact]
    public void CurrenciesWithoutASymbol_AreWrittenWithTheirCode() =>
        Assert.Equal("CHF 12.50", MoneyFormatter.Format(1250, "chf"));

    [Theory]
    [InlineData("")]
    [InlineData("us")]
    [InlineData("dollars")]
    public void AnInvalidCurrencyCode_IsRejected(string currency) =>
        Assert.Throws<ArgumentException>(() => MoneyFormatter.Format(100, currency));

    [Fact]
    public void MoneyAddsOnlyTheSameCurrency()
    {
        var sum = new Web.Money.Money(1000, "usd") + new Web.Money.Money(250, "USD");
        Assert.Equal(1250, sum.Amount);
        Assert.Equal("$12.50", sum.ToString());
        Assert.Throws<InvalidOperationException>(() => new Web.Money.Money(1, "usd") + new Web.Money.Money(1, "jpy"));
    }

    [Fact]
    public void MoneyTimesQuantity_DetectsOverflowInsteadOfWrapping() =>
        Assert.Throws<OverflowException>(() => new Web.Money.Money(long.MaxValue / 2, "usd").Times(3));

    [Theory]
    [InlineData("jpy", true)]
    [InlineData("krw", true)]
    [InlineData("usd", false)]
    [InlineData("kwd", false)]
    public void ZeroDecimalCurrenciesAreKnown(string currency, bool zeroDecimal) =>
        Assert.Equal(zeroDecimal, CurrencyInfo.IsZeroDecimal(currency));
}
