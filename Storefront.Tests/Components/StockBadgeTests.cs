using Storefront.Tests.Components.Infrastructure;
using Storefront.Web.Components;

namespace Storefront.Tests.Components;

public sealed class StockBadgeTests
{
    [Theory]
    [InlineData(null, "available", "Available")]
    [InlineData(0, "out", "Out of stock")]
    [InlineData(3, "low", "Only 3 left")]
    [InlineData(StockBadge.LowStockThreshold, "low", "Only 5 left")]
    [InlineData(StockBadge.LowStockThreshold + 1, "in", "In stock")]
    public async Task StockState_IsShownAsShoppersShouldReadIt(int? available, string state, string text)
    {
        var doc = await ComponentRenderer.RenderAsync<StockBadge>(new Dictionary<string, object?> { [nameof(StockBadge.Available)] = available });

        var badge = doc.QuerySelector(".stock")!;
        Assert.Equal(state, badge.GetAttribute("data-state"));
        Assert.Equal(text, badge.TextContent.Trim());
    }
}
