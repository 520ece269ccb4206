using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Data.Checkouts;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

public sealed class CheckoutStartTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task StartingCheckout_OpensAnElementsSession_WithServerPricedLines_AndNoPreviewParameters()
    {
        using var shopper = new ShopperClient(app);
        var before = DateTimeOffset.UtcNow;
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("pour-over-dripper", 1, null), ("brewing-masterclass", 1, null));

        var session = CheckoutFlow.Session(app, sessionId);
        Assert.Equal("elements", (string?)session["ui_mode"]);
        Assert.Equal("payment", (string?)session["mode"]);
        Assert.Equal("open", (string?)session["status"]);
        Assert.Equal("usd", (string?)session["currency"]);
        Assert.Equal(3200 + 3900, (long?)session["amount_subtotal"]);
        var permissions = session["permissions"]!.AsObject();
        // LinePrices mode sends no preview parameter: line-item updates are GA, and no update permissions are asked for.
        Assert.Null(permissions["update_line_items"]);
        Assert.Null(permissions["update_discounts"]);
        Assert.Equal("server_only", (string?)permissions["update_shipping_details"]);
        Assert.Equal("http://localhost/checkout/return?session_id={CHECKOUT_SESSION_ID}", (string?)session["return_url"]);

        var checkout = await CheckoutFlow.QueryAsync(app, db => db.Checkouts.Include(c => c.Lines).SingleAsync(c => c.StripeSessionId == sessionId));
        Assert.Equal(checkout.Id.ToString(), (string?)session["client_reference_id"]);
        Assert.Equal(checkout.Id.ToString(), (string?)session["metadata"]!["checkout_id"]);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((long)session["expires_at"]!);
        Assert.InRange(expiresAt, before.AddMinutes(31).AddSeconds(-2), DateTimeOffset.UtcNow.AddMinutes(31).AddSeconds(2));
        Assert.Equal(checkout.ExpiresAt.ToUnixTimeSeconds(), expiresAt.ToUnixTimeSeconds());

        var items = session["line_items"]!["data"]!.AsArray();
        Assert.Equal(["Pour-Over Dripper", "Brewing Masterclass"], items.Select(i => (string?)i!["description"]));
        Assert.Equal([1L, 1L], items.Select(i => (long)i!["quantity"]!));
        Assert.Equal([3200L, 3900L], items.Select(i => (long)i!["price"]!["unit_amount"]!));
        Assert.Equal("pour-over-dripper", (string?)items[0]!["price"]!["lookup_key"]);
        Assert.Equal(items.Select(i => (string?)i!["id"]), checkout.Lines.OrderBy(l => l.Position).Select(l => l.StripeLineItemId));
    }

    [Fact]
    public async Task ASubscriptionCart_OpensASubscriptionSession()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("roasters-choice", 1, "Year"));

        var session = CheckoutFlow.Session(app, sessionId);
        Assert.Equal("subscription", (string?)session["mode"]);
        var price = session["line_items"]!["data"]![0]!["price"]!;
        Assert.Equal("year", (string?)price["recurring"]!["interval"]);
        // Over 100: 10 % capped at 20.00, baked into the recurring price, so every renewal is discounted too.
        Assert.Equal(22000 - 2000, (long?)price["unit_amount"]);
    }

    [Fact]
    public async Task ASignedInShopper_HasTheirEmailOnTheSession()
    {
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("gold@storefront.local", "Shopper!23456");
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("latte-art-course", 1, null));

        Assert.Equal("gold@storefront.local", (string?)CheckoutFlow.Session(app, sessionId)["customer_email"]);
    }

    [Fact]
    public async Task StartingCheckout_HoldsTheStock_SoOthersSeeLess()
    {
        using var shopper = new ShopperClient(app);
        await CheckoutFlow.StartAsync(app, shopper, ("burr-grinder", 4, null));

        var holds = await CheckoutFlow.HeldAsync(app, "burr-grinder");
        Assert.Equal(4, holds);
        using var other = new ShopperClient(app);
        var (_, page) = await other.GetAsync("/products/burr-grinder");
        Assert.Equal("Only 2 left", page.QuerySelector(".stock")!.TextContent.Trim());
    }

    [Fact]
    public async Task StartingAgain_ExpiresTheEarlierCheckout_AndMovesTheHold()
    {
        using var shopper = new ShopperClient(app);
        var first = await CheckoutFlow.StartAsync(app, shopper, ("french-press", 1, null));
        var second = await CheckoutFlow.StartAsync(app, shopper, ("french-press", 1, null));

        Assert.Equal("expired", (string?)CheckoutFlow.Session(app, first)["status"]);
        var statuses = await CheckoutFlow.QueryAsync(app, db => db.Checkouts.Where(c => c.StripeSessionId == first || c.StripeSessionId == second)
            .OrderBy(c => c.CreatedAt).Select(c => c.Status).ToListAsync());
        Assert.Equal([CheckoutStatus.Expired, CheckoutStatus.Open], statuses);
        // The cart now holds two presses; the first checkout's hold on one was released, so 2 are held, not 3.
        Assert.Equal(2, await CheckoutFlow.HeldAsync(app, "french-press"));
    }

    [Fact]
    public async Task TheClientSecret_GoesToTheOwner_AndIsRefusedToAnotherVisitor()
    {
        using var owner = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, owner, ("colombia-huila", 1, null));

        var (ownerStatus, ownerBody) = await ClientSecretAsync(owner, sessionId);
        Assert.Equal(HttpStatusCode.OK, ownerStatus);
        Assert.StartsWith(sessionId + "_secret_", (string?)ownerBody["clientSecret"]);

        using var stranger = new ShopperClient(app);
        var (strangerStatus, strangerBody) = await ClientSecretAsync(stranger, sessionId);
        Assert.Equal(HttpStatusCode.NotFound, strangerStatus);
        Assert.Equal("error", (string?)strangerBody["type"]);
        Assert.Null(strangerBody["clientSecret"]);

        var (strangerPage, _) = await stranger.GetAsync($"/checkout?session_id={sessionId}");
        Assert.Equal(HttpStatusCode.NotFound, strangerPage.StatusCode);
    }

    [Fact]
    public async Task TheCheckoutPage_LoadsTheEmulatorsStripeJs_AndAsksGuestsForAnEmail()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("colombia-huila", 1, null));

        var (response, page) = await shopper.GetAsync($"/checkout?session_id={sessionId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("script[src='/_stripe/js/stripe.js']"));
        Assert.Equal("pk_test_emulator", page.QuerySelector("#checkout")!.GetAttribute("data-publishable-key"));
        Assert.NotNull(page.QuerySelector("#checkout-email"));
        Assert.NotNull(page.QuerySelector("#shipping-address-element"));
        Assert.True(page.QuerySelector("#pay-button")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task AnEmptyCart_CannotStartACheckout()
    {
        using var shopper = new ShopperClient(app);
        await shopper.SubmitAsync("/products/colombia-huila", "form.add-to-cart", new Dictionary<string, string> { ["Input.Quantity"] = "1" });
        await shopper.SubmitAsync("/cart", "tr.cart-line form[action*='handler=Remove']", new Dictionary<string, string>());
        var (_, cartPage) = await shopper.GetAsync("/cart");
        Assert.Null(cartPage.QuerySelector("form.checkout-start"));

        var (_, productPage) = await shopper.GetAsync("/products/colombia-huila");
        var token = productPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await shopper.Http.PostAsync("/cart?handler=Checkout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Your cart is empty.", await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ClientSecretAsync(ShopperClient shopper, string sessionId)
    {
        var (_, anyForm) = await shopper.GetAsync("/products/colombia-huila");
        var token = anyForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/checkout?handler=ClientSecret")
        {
            Content = JsonContent.Create(new { checkoutSessionId = sessionId }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await shopper.Http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
