using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.StripeEmulator;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

public sealed class CheckoutActionTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task SwitchingToYearly_ReplacesTheMonthlyLine_AndKeepsOtherLines()
    {
        var (actions, _) = await StartAsync(("roasters-choice", 1, "Month"), ("pour-over-dripper", 1, null));
        var before = Items(actions.Session());

        var (status, body) = await actions.IntervalAsync("year");

        Assert.Equal(HttpStatusCode.OK, status);
        var after = Items(actions.Session());
        Assert.Equal(["Roaster's Choice Subscription", "Pour-Over Dripper", "Cupping Spoon"], after.Select(i => (string?)i["description"]));
        Assert.NotEqual((string?)before[0]["id"], (string?)after[0]["id"]);
        Assert.Equal("year", (string?)after[0]["price"]!["recurring"]!["interval"]);
        // 25,200 crosses the spend-100 threshold: 10 % capped at 20.00, spread 1746 / 254 / 0 into the line prices
        // (LinePrices mode), so the yearly price Stripe renews at includes the discount.
        Assert.Equal(22000 - 1746, (long?)after[0]["price"]!["unit_amount"]);
        Assert.Equal(3200 - 254, (long?)after[1]["price"]!["unit_amount"]);
        Assert.Equal(0, (long?)after[2]["price"]!["unit_amount"]);
        Assert.Equal("year", (string?)body["state"]!["interval"]);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());
    }

    [Fact]
    public async Task AddingGiftWrapAndWarranty_AddsThemAtTheirDatabasePrices_AndRemovingTakesThemOut()
    {
        var (actions, _) = await StartAsync(("gooseneck-kettle", 1, null));

        await actions.AddOnAsync("gift-wrap", true);
        var (status, body) = await actions.AddOnAsync("extended-warranty", true);

        Assert.Equal(HttpStatusCode.OK, status);
        var items = Items(actions.Session());
        Assert.Equal(["Gooseneck Kettle", "Gift Wrap", "Extended Warranty"], items.Select(i => (string?)i["description"]));
        Assert.Equal([5900L, 500L, 2000L], items.Select(i => (long)i["price"]!["unit_amount"]!));
        Assert.Equal(8400, (long)actions.Session()["amount_subtotal"]!);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());

        (status, body) = await actions.AddOnAsync("gift-wrap", false);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Gooseneck Kettle", "Extended Warranty"], Items(actions.Session()).Select(i => (string?)i["description"]));
    }

    [Theory]
    [InlineData("golden-parachute")]
    [InlineData("pour-over-dripper")]
    [InlineData("")]
    public async Task AnUnknownAddOn_Is400InvalidProduct_AndChangesNothing(string addOn)
    {
        var (actions, _) = await StartAsync(("french-press", 1, null));
        var sessionBefore = actions.Session().ToJsonString();

        var (status, body) = await actions.AddOnAsync(addOn, true);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Invalid product", (string?)body["message"]);
        Assert.Equal(sessionBefore, actions.Session().ToJsonString());
    }

    [Fact]
    public async Task RaisingAQuantityPastTheStock_Is409OnlyNLeft_AndTheHoldAndSessionStay()
    {
        var (actions, _) = await StartAsync(("decaf-sugarcane", 1, null));
        var lineId = await CheckoutFlow.LineIdAsync(app, actions.SessionId, "Decaf Sugarcane");
        var sessionBefore = actions.Session().ToJsonString();

        var (status, body) = await actions.QuantityAsync(lineId, 5);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Only 3 left", (string?)body["message"]);
        Assert.Equal(1, await CheckoutFlow.HeldAsync(app, "decaf-sugarcane"));
        Assert.Equal(sessionBefore, actions.Session().ToJsonString());

        (status, body) = await actions.QuantityAsync(lineId, 3);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, await CheckoutFlow.HeldAsync(app, "decaf-sugarcane"));
        Assert.Equal(3, (long)Items(actions.Session())[0]["quantity"]!);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());
        await actions.QuantityAsync(lineId, 1);
    }

    [Fact]
    public async Task QuantityZero_RemovesTheLine_ButNotTheLastItem()
    {
        var (actions, _) = await StartAsync(("colombia-huila", 1, null), ("latte-art-course", 1, null));

        var (status, _) = await actions.QuantityAsync(await CheckoutFlow.LineIdAsync(app, actions.SessionId, "Colombia Huila"), 0);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Latte Art Course"], Items(actions.Session()).Select(i => (string?)i["description"]));

        (status, var body) = await actions.QuantityAsync(await CheckoutFlow.LineIdAsync(app, actions.SessionId, "Latte Art Course"), 0);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Your order needs at least one item.", (string?)body["message"]);
    }

    [Fact]
    public async Task ASignedInGoldCustomer_GetsTheTierDiscount()
    {
        var (actions, _) = await StartAsync("gold@storefront.local", ("gooseneck-kettle", 1, null));

        var (status, body) = await actions.AddOnAsync("gift-wrap", true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(640, (long)body["totals"]!["discount"]!);
        Assert.StartsWith("Gold member 10 %", (string?)body["discount"]!["name"]);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());
    }

    [Fact]
    public async Task ACartOver100_GetsTenPercentOff_CappedAt20()
    {
        var (actions, _) = await StartAsync(("burr-grinder", 1, null));

        // LinePrices (the default): the 10 % is inside the line's price, and Stripe shows no discount of its own.
        Assert.Equal(12900 - 1290, (long)actions.Session()["amount_subtotal"]!);
        Assert.Equal(0, (long)actions.Session()["total_details"]!["amount_discount"]!);

        var lineId = await CheckoutFlow.LineIdAsync(app, actions.SessionId, "Conical Burr Grinder");
        var (status, body) = await actions.QuantityAsync(lineId, 2);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2000, (long)body["totals"]!["discount"]!);
        Assert.Equal(25800 - 2000, (long)actions.Session()["amount_total"]! - (long)actions.Session()["total_details"]!["amount_shipping"]!);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());
    }

    [Fact]
    public async Task AnAddressInATaxedState_AddsTax_AndShippingFollowsTheCountry()
    {
        var (actions, _) = await StartAsync(("pour-over-dripper", 1, null));

        var (status, body) = await actions.AddressAsync("US", "NY");
        Assert.Equal(HttpStatusCode.OK, status);
        var session = actions.Session();
        Assert.Equal(284, (long)session["total_details"]!["amount_tax"]!);
        Assert.Equal(["Standard", "Priority"], await ShippingNamesAsync(session));
        CheckoutActionClient.AssertTotalsMatch(body, session);

        (status, body) = await actions.AddressAsync("GB", null, "SW1A 1AA");
        Assert.Equal(HttpStatusCode.OK, status);
        session = actions.Session();
        Assert.Equal(["International"], await ShippingNamesAsync(session));
        Assert.Equal(533, (long)session["total_details"]!["amount_tax"]!);
        Assert.Equal(3200 + 1500, (long)session["amount_total"]!);
        CheckoutActionClient.AssertTotalsMatch(body, session);
    }

    [Fact]
    public async Task TheComplimentaryItem_AppearsAtTheThreshold_AndDisappearsBelowIt()
    {
        var (actions, _) = await StartAsync(("gooseneck-kettle", 2, null));
        Assert.DoesNotContain("Cupping Spoon", Items(actions.Session()).Select(i => (string?)i["description"]));

        var lineId = await CheckoutFlow.LineIdAsync(app, actions.SessionId, "Gooseneck Kettle");
        var (status, body) = await actions.QuantityAsync(lineId, 3);
        Assert.Equal(HttpStatusCode.OK, status);
        var gift = Items(actions.Session()).Single(i => (string?)i["description"] == "Cupping Spoon");
        Assert.Equal(0, (long)gift["amount_total"]!);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());

        (status, _) = await actions.QuantityAsync(lineId, 2);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("Cupping Spoon", Items(actions.Session()).Select(i => (string?)i["description"]));
    }

    [Theory]
    [InlineData("NOPE", "Code NOPE is not a valid code.")]
    [InlineData("summer25", "Code SUMMER25 has expired.")]
    [InlineData("", "Enter a promotion code.")]
    public async Task ABadPromotionCode_Is400WithItsReason_AndChangesNothing(string code, string message)
    {
        var (actions, _) = await StartAsync(("french-press", 1, null));
        var sessionBefore = actions.Session().ToJsonString();

        var (status, body) = await actions.CodeAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, (string?)body["message"]);
        Assert.Equal(sessionBefore, actions.Session().ToJsonString());
    }

    [Fact]
    public async Task AValidCode_IsApplied_AndCanBeRemoved()
    {
        var (actions, _) = await StartAsync(("french-press", 1, null));

        var (status, body) = await actions.CodeAsync("welcome10");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("WELCOME10", (string?)body["state"]!["promotionCode"]);
        Assert.Equal(450, (long)body["totals"]!["discount"]!);
        Assert.Equal(4500 - 450, (long)actions.Session()["amount_subtotal"]!);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());

        (status, body) = await actions.PostAsync("RemovePromotionCode", new { });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4500, (long)actions.Session()["amount_subtotal"]!);
        Assert.Equal(0, (long)actions.Session()["total_details"]!["amount_discount"]!);
        Assert.Empty(actions.Session()["discounts"]!.AsArray());
    }

    [Fact]
    public async Task EveryUpdate_IsAudited_WithTotalsBeforeAndAfter()
    {
        var (actions, _) = await StartAsync(("french-press", 1, null));
        await actions.AddOnAsync("gift-wrap", true);

        var entry = await CheckoutFlow.QueryAsync(app, db => db.AuditEntries
            .Where(a => a.Action == "checkout.addon_added" && db.Checkouts.Any(c => c.Id == a.CheckoutId && c.StripeSessionId == actions.SessionId))
            .SingleAsync());
        Assert.Equal("success", entry.Outcome);
        Assert.Equal(4500, (long)JsonNode.Parse(entry.Before!)!["subtotal"]!);
        Assert.Equal(5000, (long)JsonNode.Parse(entry.After!)!["subtotal"]!);
        Assert.StartsWith("visitor:", entry.Actor);
    }

    [Fact]
    public async Task AStripeFailure_Is502_AndRollsBackHoldsCartAndSession()
    {
        var (actions, _) = await StartAsync(("house-blend-beans", 1, null));
        var lineId = await CheckoutFlow.LineIdAsync(app, actions.SessionId, "House Blend Beans");
        var sessionBefore = actions.Session().ToJsonString();
        app.Emulator.AddFault(new FaultRule { Method = "POST", PathPattern = $"/v1/checkout/sessions/{actions.SessionId}", Kind = FaultKind.ServerError500, Count = 1 });

        var (status, body) = await actions.QuantityAsync(lineId, 4);

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("The payment service did not answer. Nothing was changed; please try again.", (string?)body["message"]);
        Assert.Equal(sessionBefore, actions.Session().ToJsonString());
        Assert.Equal(1, await CheckoutFlow.HeldForAsync(app, actions.SessionId));
        var stored = await CheckoutFlow.QueryAsync(app, db => db.CheckoutLines.Where(l => l.Id == lineId).Select(l => l.Quantity).SingleAsync());
        Assert.Equal(1, stored);

        (status, _) = await actions.QuantityAsync(lineId, 4);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, await CheckoutFlow.HeldForAsync(app, actions.SessionId));
    }

    private async Task<(CheckoutActionClient Actions, ShopperClient Shopper)> StartAsync(params (string Slug, int Quantity, string? Interval)[] items) =>
        await StartAsync(null, items);

    private async Task<(CheckoutActionClient Actions, ShopperClient Shopper)> StartAsync(string? email, params (string Slug, int Quantity, string? Interval)[] items)
    {
        var shopper = new ShopperClient(app);
        if (email is not null)
        {
            await shopper.SignInAsync(email, "Shopper!23456");
        }

        var sessionId = await CheckoutFlow.StartAsync(app, shopper, items);
        return (new CheckoutActionClient(app, shopper, sessionId), shopper);
    }

    private static List<JsonNode> Items(JsonObject session) => session["line_items"]!["data"]!.AsArray().Select(i => i!).ToList();

    private async Task<List<string?>> ShippingNamesAsync(JsonObject session)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rates = new global::Stripe.ShippingRateService(scope.ServiceProvider.GetRequiredService<global::Stripe.IStripeClient>());
        var names = new List<string?>();
        foreach (var option in session["shipping_options"]!.AsArray())
        {
            names.Add((await rates.GetAsync((string)option!["shipping_rate"]!)).DisplayName);
        }

        return names;
    }
}
