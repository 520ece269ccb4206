using System.Net;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

/// <summary>Preview mode: the server's discount reaches Stripe as a session discount (preview coupon_data).</summary>
public sealed class PreviewDiscountModeTests(PreviewStorefrontAppFactory app) : IClassFixture<PreviewStorefrontAppFactory>
{
    [Fact]
    public async Task TheDiscount_IsASessionDiscount_AtCatalogPrices_WithServerOnlyPreviewPermissions()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("burr-grinder", 1, null));

        var session = CheckoutFlow.Session(app, sessionId);
        Assert.True(12900 == (long)session["amount_subtotal"]!, session.ToJsonString());
        Assert.Equal(1290, (long)session["total_details"]!["amount_discount"]!);
        Assert.Equal("server_only", (string?)session["permissions"]!["update_line_items"]);
        Assert.Equal("server_only", (string?)session["permissions"]!["update_discounts"]);

        var actions = new CheckoutActionClient(app, shopper, sessionId);
        var (status, body) = await actions.QuantityAsync(await CheckoutFlow.LineIdAsync(app, sessionId, "Conical Burr Grinder"), 2);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Preview", (string?)body["discountMode"]);
        Assert.Equal(2000, (long)actions.Session()["total_details"]!["amount_discount"]!);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());
    }
}

/// <summary>Preview configured on an account without the preview: the first refusal switches the shop to LinePrices.</summary>
public sealed class PreviewFallbackTests(PreviewStorefrontAppFactory app) : IClassFixture<PreviewStorefrontAppFactory>
{
    [Fact]
    public async Task WithoutPreviewAccess_CheckoutFallsBackToLinePrices_WithTheSameTotals()
    {
        app.Emulator.Options.PreviewAccess = false;
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("burr-grinder", 1, null));

        var session = CheckoutFlow.Session(app, sessionId);
        Assert.Equal(12900 - 1290, (long)session["amount_subtotal"]!);
        Assert.Equal(0, (long)session["total_details"]!["amount_discount"]!);
        Assert.Null(session["permissions"]!["update_line_items"]);

        var actions = new CheckoutActionClient(app, shopper, sessionId);
        var (status, body) = await actions.QuantityAsync(await CheckoutFlow.LineIdAsync(app, sessionId, "Conical Burr Grinder"), 2);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("LinePrices", (string?)body["discountMode"]);
        Assert.Equal(2000, (long)body["totals"]!["discount"]!);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());
    }
}
