using Storefront.Data.Catalog;
using Storefront.Tests.Components.Infrastructure;
using Storefront.Web.Components;

namespace Storefront.Tests.Components;

public sealed class PriceTagTests
{
    [Fact]
    public async Task AOneTimePrice_ShowsTheFormattedAmountAndNoInterval()
    {
        var doc = await ComponentRenderer.RenderAsync<PriceTag>(new Dictionary<string, object?>
        {
            [nameof(PriceTag.Amount)] = 3200L,
            [nameof(PriceTag.Currency)] = "usd",
        });

        Assert.Equal("$32.00", doc.Text(".price-amount"));
        Assert.Null(doc.QuerySelector(".price-interval"));
        Assert.Equal("3200", doc.QuerySelector(".price")!.GetAttribute("data-amount"));
    }

    [Theory]
    [InlineData(BillingInterval.Month, "/ month")]
    [InlineData(BillingInterval.Year, "/ year")]
    public async Task ASubscriptionPrice_SaysHowOftenItIsBilled(BillingInterval interval, string expected)
    {
        var doc = await ComponentRenderer.RenderAsync<PriceTag>(new Dictionary<string, object?>
        {
            [nameof(PriceTag.Amount)] = 2200L,
            [nameof(PriceTag.Currency)] = "usd",
            [nameof(PriceTag.Interval)] = interval,
        });

        Assert.Equal(expected, doc.Text(".price-interval"));
    }

    [Fact]
    public async Task AYenPrice_HasNoDecimals()
    {
        var doc = await ComponentRenderer.RenderAsync<PriceTag>(new Dictionary<string, object?>
        {
            [nameof(PriceTag.Amount)] = 2980L,
            [nameof(PriceTag.Currency)] = "jpy",
        });

        Assert.Equal("¥2,980", doc.Text(".price-amount"));
    }
}
