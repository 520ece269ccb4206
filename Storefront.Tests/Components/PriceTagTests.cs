using Storefront.Data.Catalog;
using Storefront.Web.Components;

namespace Storefront.Tests.Components;

public sealed class PriceTagTests : BunitContext
{
    [Fact]
    public void AOneTimePrice_ShowsTheFormattedAmountAndNoInterval()
    {
        var tag = Render<PriceTag>(p => p.Add(c => c.Amount, 3200L).Add(c => c.Currency, "usd"));

        Assert.Equal("$32.00", tag.Find(".price-amount").TextContent.Trim());
        Assert.Empty(tag.FindAll(".price-interval"));
        Assert.Equal("3200", tag.Find(".price").GetAttribute("data-amount"));
        Assert.Equal("usd", tag.Find(".price").GetAttribute("data-currency"));
    }

    [Theory]
    [InlineData(BillingInterval.Month, "/ month")]
    [InlineData(BillingInterval.Year, "/ year")]
    public void ASubscriptionPrice_SaysHowOftenItIsBilled(BillingInterval interval, string expected)
    {
        var tag = Render<PriceTag>(p => p.Add(c => c.Amount, 2200L).Add(c => c.Currency, "usd").Add(c => c.Interval, interval));

        Assert.Equal(expected, tag.Find(".price-interval").TextContent.Trim());
    }

    [Fact]
    public void AYenPrice_HasNoDecimals()
    {
        var tag = Render<PriceTag>(p => p.Add(c => c.Amount, 2980L).Add(c => c.Currency, "jpy"));

        Assert.Equal("¥2,980", tag.Find(".price-amount").TextContent.Trim());
    }
}
