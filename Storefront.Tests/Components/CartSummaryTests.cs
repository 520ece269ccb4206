using Storefront.Data.Catalog;
using Storefront.Tests.Components.Infrastructure;
using Storefront.Web.Carts;
using Storefront.Web.Components;

namespace Storefront.Tests.Components;

public sealed class CartSummaryTests
{
    [Fact]
    public async Task ACart_ListsEachLineWithItsTotal_AndTheSubtotal()
    {
        var cart = new CartView(
        [
            new CartLineView(1, 10, 100, "pour-over-dripper", "Pour-Over Dripper", null, 3200, "usd", BillingInterval.None, 2, 15),
            new CartLineView(2, 12, 120, "roasters-choice", "Roaster's Choice Subscription", null, 22000, "usd", BillingInterval.Year, 1, null),
        ], "usd");

        var doc = await ComponentRenderer.RenderAsync<CartSummary>(new Dictionary<string, object?> { [nameof(CartSummary.Cart)] = cart });

        var rows = doc.QuerySelectorAll("tr.cart-line");
        Assert.Equal(2, rows.Length);
        Assert.Equal("Pour-Over Dripper", rows[0].QuerySelector(".cart-line-name")!.TextContent.Trim());
        Assert.Equal("2", rows[0].QuerySelector(".cart-line-qty")!.TextContent.Trim());
        Assert.Equal("$64.00", rows[0].QuerySelector(".cart-line-total")!.TextContent.Trim());
        Assert.Equal("/ year", rows[1].QuerySelector(".price-interval")!.TextContent.Trim());
        Assert.Equal("$284.00", doc.Text(".cart-subtotal"));
        Assert.Contains("3 items", doc.QuerySelector("tfoot")!.TextContent);
        Assert.NotNull(doc.QuerySelector(".note"));
    }

    [Fact]
    public async Task AnEmptyCart_SaysSo_AndHasNoTable()
    {
        var doc = await ComponentRenderer.RenderAsync<CartSummary>(new Dictionary<string, object?> { [nameof(CartSummary.Cart)] = CartView.Empty("usd") });

        Assert.Equal("Your cart is empty.", doc.Text(".cart-empty"));
        Assert.Null(doc.QuerySelector("table"));
    }
}
