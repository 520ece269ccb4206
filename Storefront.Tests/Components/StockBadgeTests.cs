using Storefront.Web.Components;

namespace Storefront.Tests.Components;

public sealed class StockBadgeTests : BunitContext
{
    [Theory]
    [InlineData(null, "available", "Available")]
    [InlineData(0, "out", "Out of stock")]
    [InlineData(-2, "out", "Out of stock")]
    [InlineData(3, "low", "Only 3 left")]
    [InlineData(StockBadge.LowStockThreshold, "low", "Only 5 left")]
    [InlineData(StockBadge.LowStockThreshold + 1, "in", "In stock")]
    public void StockState_IsShownAsShoppersShouldReadIt(int? available, string state, string text)
    {
        var badge = Render<StockBadge>(p => p.Add(c => c.Available, available)).Find(".stock");

        Assert.Equal(state, badge.GetAttribute("data-state"));
        Assert.Equal(text, badge.TextContent.Trim());
    }
}
