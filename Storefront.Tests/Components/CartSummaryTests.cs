using Storefront.Data.Catalog;
using Storefront.Web.Carts;
using Storefront.Web.Components;

namespace Storefront.Tests.Components;

public sealed class CartSummaryTests : BunitContext
{
    [Fact]
    public void ACart_ListsEachLineWithItsTotal_AndTheSubtotal()
    {
        var cart = new CartView(
        [
            new CartLineView(1, 10, 100, "pour-over-dripper", "Pour-Over Dripper", null, 3200, "usd", BillingInterval.None, 2, 15),
            new CartLineView(2, 12, 120, "roasters-choice", "Roaster's Choice Subscription", null, 22000, "usd", BillingInterval.Year, 1, null),
        ], "usd");

        var summary = Render<CartSummary>(p => p.Add(c => c.Cart, cart));

        var rows = summary.FindAll("tr.cart-line");
        Assert.Equal(2, rows.Count);
        Assert.Equal("pour-over-dripper", rows[0].GetAttribute("data-slug"));
        rows[0].QuerySelector(".cart-line-name")!.MarkupMatches("<td class=\"cart-line-name\">Pour-Over Dripper</td>");
        Assert.Equal("2", rows[0].QuerySelector(".cart-line-qty")!.TextContent.Trim());
        Assert.Equal("$64.00", rows[0].QuerySelector(".cart-line-total")!.TextContent.Trim());
        Assert.Equal("/ year", rows[1].QuerySelector(".price-interval")!.TextContent.Trim());
        Assert.Equal("$284.00", summary.Find(".cart-subtotal").TextContent.Trim());
        Assert.Contains("3 items", summary.Find("tfoot").TextContent);
        Assert.Equal("Subscriptions renew at the price shown until you cancel.", summary.Find(".note").TextContent.Trim());
    }

    [Fact]
    public void OneItem_IsCountedInTheSingular_AndAOneTimeCartHasNoRenewalNote()
    {
        var cart = new CartView(
            [new CartLineView(1, 10, 100, "pour-over-dripper", "Pour-Over Dripper", null, 3200, "usd", BillingInterval.None, 1, 15)], "usd");

        var summary = Render<CartSummary>(p => p.Add(c => c.Cart, cart));

        Assert.Contains("(1 item)", summary.Find("tfoot").TextContent);
        Assert.Empty(summary.FindAll(".note"));
    }

    [Fact]
    public void AnEmptyCart_SaysSo_AndHasNoTable()
    {
        var summary = Render<CartSummary>(p => p.Add(c => c.Cart, CartView.Empty("usd")));

        Assert.Equal("Your cart is empty.", summary.Find(".cart-empty").TextContent.Trim());
        Assert.Empty(summary.FindAll("table"));
    }

    [Fact]
    public void ChangingTheCartParameter_RerendersTheLines()
    {
        var summary = Render<CartSummary>(p => p.Add(c => c.Cart, CartView.Empty("usd")));
        var cart = new CartView(
            [new CartLineView(1, 10, 100, "french-press", "French Press", null, 3900, "usd", BillingInterval.None, 3, 15)], "usd");

        summary.Render(p => p.Add(c => c.Cart, cart));

        Assert.Equal("$117.00", summary.Find(".cart-subtotal").TextContent.Trim());
        Assert.Empty(summary.FindAll(".cart-empty"));
    }
}
