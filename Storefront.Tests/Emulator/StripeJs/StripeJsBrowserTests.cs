using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.Emulator.StripeJs;

/// <summary>
/// The stand-in script in headless Chromium on a tiny host page (<see cref="StripeJsHost"/>): elements, confirm with the
/// test cards, the authentication dialog and runServerUpdate. Requests to non-loopback hosts are aborted.
/// </summary>
public sealed class StripeJsBrowserTests(StripeJsHost host, ChromiumFixture chromium)
    : IClassFixture<StripeJsHost>, IClassFixture<ChromiumFixture>
{
    /// <summary>The redirect to the return page is what these tests prove; its own load event adds nothing but waiting.</summary>
    private static readonly PageWaitForURLOptions ReturnNavigation = new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 };

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> Open(JsonObject session, bool shipping = false, string extraQuery = "", string shippingMode = "1")
    {
        var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"{host.Origin}/shop/checkout?secret={Uri.EscapeDataString(session.S("client_secret"))}" + (shipping ? "&shipping=" + shippingMode : "") + extraQuery);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        return (context, page, errors);
    }

    private static async Task FillCard(IPage page, string number)
    {
        await page.GetByLabel("Card number").FillAsync(number);
        await page.GetByLabel("Expiry (MM / YY)").FillAsync("12 / 34");
        await page.GetByLabel("CVC").FillAsync("123");
    }

    private async Task<JsonObject> ApiSession(string id) => (await host.Http.Get($"v1/checkout/sessions/{id}")).Obj;

    [Fact]
    public async Task Pay4242_RedirectsToReturnUrl_AndSessionIsComplete()
    {
        var session = await host.NewSession(1500, 2);
        var id = session.S("id");
        var (context, page, errors) = await Open(session);
        await using var _ = context;

        await Expect(page.GetByText("Test payment form — Storefront Stripe emulator. Use 4242 4242 4242 4242")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-stripe-emulator=payment-element]")).ToHaveCSSAsync("border-top-style", "dashed");
        await Expect(page.Locator("#total")).ToHaveTextAsync("$30.00");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("not ready");
        await FillCard(page, "4242 4242 4242 4242");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("ready");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.WaitForURLAsync($"{host.Origin}/shop/return?session_id={id}", ReturnNavigation);
        await Expect(page.Locator("#session")).ToHaveTextAsync(id);

        var api = await ApiSession(id);
        Assert.Equal("complete", api.S("status"));
        Assert.Equal("paid", api.S("payment_status"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Decline0002_ShowsError_SessionStaysOpen_Then4242Succeeds()
    {
        var session = await host.NewSession(1000, 1);
        var id = session.S("id");
        var (context, page, errors) = await Open(session);
        await using var _ = context;

        await FillCard(page, "4000 0000 0000 0002");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(page.Locator("#error")).ToHaveTextAsync("Your card was declined.");
        Assert.Equal("open", (await ApiSession(id)).S("status"));
        var result = await page.EvaluateAsync<JsonElementHolder>("() => window.actions.confirm().then(r => ({ type: r.type, code: r.error && r.error.code, message: r.error && r.error.message }))");
        Assert.Equal("error", result.type);
        Assert.Equal("paymentFailed", result.code);
        Assert.Equal("Your card was declined.", result.message);

        await page.GetByLabel("Card number").FillAsync("4000 0000 0000 9995");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(page.Locator("#error")).ToHaveTextAsync("Your card has insufficient funds.");

        await page.GetByLabel("Card number").FillAsync("4242424242424242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/shop/return\\?session_id=" + id + "$"), ReturnNavigation);
        Assert.Equal("complete", (await ApiSession(id)).S("status"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Card3155_ShowsAuthenticationDialog_FailThenComplete()
    {
        var session = await host.NewSession(1000, 1);
        var id = session.S("id");
        var (context, page, errors) = await Open(session);
        await using var _ = context;

        await FillCard(page, "4000 0025 0000 3155");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Authenticate payment (test)" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Fail authentication" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#error")).ToContainTextAsync("We are unable to authenticate your payment method");
        Assert.Equal("open", (await ApiSession(id)).S("status"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/shop/return\\?session_id=" + id + "$"), ReturnNavigation);
        Assert.Equal("paid", (await ApiSession(id)).S("payment_status"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task RunServerUpdate_ServerChangesQuantity_TotalOnPageFollows()
    {
        var session = await host.NewSession(1500, 2);
        var (context, page, errors) = await Open(session);
        await using var _ = context;
        await Expect(page.Locator("#total")).ToHaveTextAsync("$30.00");
        var lineId = await page.EvaluateAsync<string>("() => window.actions.getSession().lineItems[0].id");
        var changesBefore = await page.EvaluateAsync<int>("() => window.changes");

        var ok = await page.EvaluateAsync<bool>($"() => window.serverUpdate('{lineId}', 3)");
        Assert.True(ok);
        await Expect(page.Locator("#total")).ToHaveTextAsync("$45.00");
        Assert.True(await page.EvaluateAsync<int>("() => window.changes") > changesBefore);
        Assert.Equal(3, await page.EvaluateAsync<int>("() => window.actions.getSession().lineItems[0].quantity"));
        Assert.Equal(4500, (await ApiSession(session.S("id"))).L("amount_total"));

        // A mutator called while a server update runs waits for it (and then sees the refreshed session).
        var order = await page.EvaluateAsync<string>($$"""
            async () => {
              const log = [];
              const slow = window.actions.runServerUpdate(() => new Promise(r => setTimeout(() => { log.push('server'); r({ ok: true }); }, 200)));
              const email = window.actions.updateEmail('later@example.test').then(r => { log.push('email:' + r.type); });
              await Promise.all([slow, email]);
              return log.join(',');
            }
            """);
        Assert.Equal("server,email:success", order);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task RunServerUpdate_TimesOut_AndTheQueueMovesOn()
    {
        var session = await host.NewSession(1000, 1);
        var (context, page, errors) = await Open(session, extraQuery: "&timeout=300");
        await using var _ = context;
        // Like Stripe.js endive: the result says what went wrong, the promise never rejects.
        var outcome = await page.EvaluateAsync<string>("""
            () => window.actions.runServerUpdate(() => new Promise(() => {}))
              .then(r => r.type + ':' + r.error.code + ':' + r.error.message, e => 'rejected:' + e.message)
            """);
        Assert.Equal("error:null:runServerUpdate timed out after 0.3 seconds.", outcome);
        var next = await page.EvaluateAsync<string>("() => window.actions.updateEmail('after@example.test').then(r => r.type)");
        Assert.Equal("success", next);
        var failing = await page.EvaluateAsync<string>("""
            () => window.actions.runServerUpdate(() => Promise.reject(new Error('server said no')))
              .then(r => r.type + ':' + r.error.message, e => 'rejected:' + e.message)
            """);
        Assert.Equal("error:server said no", failing);
        var fine = await page.EvaluateAsync<string>("() => window.actions.runServerUpdate(() => Promise.resolve()).then(r => r.type + ':' + r.session.id)");
        Assert.Equal("success:" + session.S("id"), fine);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Snapshot_Shape_And_JpyFormatting()
    {
        var session = await host.NewSession(1500, 3, "jpy");
        var (context, page, errors) = await Open(session);
        await using var _ = context;
        await Expect(page.Locator("#total")).ToHaveTextAsync("¥4,500");
        var json = await page.EvaluateAsync<string>("() => JSON.stringify(window.actions.getSession())");
        var s = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(session.S("id"), s.S("id"));
        Assert.Equal("open", s["status"].S("type"));
        Assert.False((bool)s["canConfirm"]!);
        Assert.Equal("jpy", s.S("currency"));
        Assert.Equal("buyer@example.test", s.S("email"));
        var line = s["lineItems"]![0]!;
        Assert.Equal("Test Mug", line.S("name"));
        Assert.Equal(3, line.L("quantity"));
        Assert.Equal("¥1,500", line["unitAmount"].S("amount"));
        Assert.Equal(1500, line["unitAmount"].L("minorUnitsAmount"));
        Assert.Equal("¥4,500", line["subtotal"].S("amount"));
        Assert.Equal("¥0", line["discount"].S("amount"));
        Assert.Null(line["recurring"]);
        Assert.Empty(s["discountAmounts"]!.AsArray());
        Assert.Empty(s["shippingOptions"]!.AsArray());
        Assert.Null(s["shipping"]);
        Assert.Null(s["shippingAddress"]);
        foreach (var key in new[] { "subtotal", "discount", "shippingRate", "taxExclusive", "taxInclusive", "total" })
            Assert.NotNull(s["total"]![key]!["minorUnitsAmount"]);
        Assert.Equal(4500, s["total"]!["total"].L("minorUnitsAmount"));

        // destroy() removes the form; canConfirm follows the payment element.
        await FillCard(page, "4242424242424242");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("ready");
        await page.EvaluateAsync("() => window.checkout.getPaymentElement().destroy()");
        await Expect(page.GetByLabel("Card number")).ToHaveCountAsync(0);
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("not ready");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task MissingEmail_IsRefused_ThenUpdateEmail_ThenPays()
    {
        var session = await host.NewSession(1000, 1, email: null);
        var id = session.S("id");
        var (context, page, errors) = await Open(session);
        await using var _ = context;
        await FillCard(page, "4242424242424242");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("not ready");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(page.Locator("#error")).ToHaveTextAsync("Enter your email address.");

        var bad = await page.EvaluateAsync<string>("() => window.actions.updateEmail('nope').then(r => r.type + ':' + r.error.code)");
        Assert.Equal("error:invalidEmail", bad);
        var good = await page.EvaluateAsync<string>("() => window.actions.updateEmail('shopper@example.test').then(r => r.type + ':' + r.session.email)");
        Assert.Equal("success:shopper@example.test", good);
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("ready");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/shop/return\\?session_id=" + id + "$"), ReturnNavigation);
        Assert.Equal("shopper@example.test", (await ApiSession(id))["customer_details"].S("email"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ShippingAddressElement_FeedsConfirm_AndClientMutatorsHonourPermissions()
    {
        var rate = (await host.Http.Create("v1/shipping_rates", new Form(("display_name", "Courier"), ("type", "fixed_amount"),
            ("fixed_amount[amount]", 500), ("fixed_amount[currency]", "usd")))).S("id");
        var session = await host.NewSession(1000, 1, extra: f => f.Add("shipping_options[0][shipping_rate]", rate)
            .Add("permissions[update_line_items]", "server_only").Add("permissions[update_shipping_details]", "server_only"));
        var id = session.S("id");
        var (context, page, errors) = await Open(session, shipping: true);
        await using var _ = context;
        await Expect(page.Locator("#total")).ToHaveTextAsync("$15.00");
        var shipping = await page.EvaluateAsync<string>("() => { const s = window.actions.getSession(); return s.shipping.shippingOption.displayName + ' ' + s.shipping.shippingOption.amount; }");
        Assert.Equal("Courier $5.00", shipping);

        var refused = await page.EvaluateAsync<string>("() => window.actions.updateLineItemQuantity({ lineItem: window.actions.getSession().lineItems[0].id, quantity: 2 }).then(r => r.type + ':' + r.error.code + ':' + r.error.message)");
        Assert.StartsWith("error:null:This Checkout Session only allows line item updates from your server", refused);

        await FillCard(page, "4242424242424242");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("not ready");
        await page.GetByLabel("Full name").FillAsync("Grace <b>Hopper</b>");
        await page.GetByLabel("Address line 1").FillAsync("1 Navy Yard");
        await page.GetByLabel("City").FillAsync("Arlington");
        await page.GetByLabel("State / Province").FillAsync("VA");
        await page.GetByLabel("Postal code").FillAsync("22202");
        await page.GetByLabel("Country").SelectOptionAsync("US");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("ready");
        Assert.True(await page.EvaluateAsync<bool>("() => window.lastAddress.complete && window.lastAddress.value.address.city === 'Arlington'"));
        var countries = await page.GetByLabel("Country").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Superset(new HashSet<string> { "US", "CA", "GB", "DE", "FR", "JP" }, countries.ToHashSet());

        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/shop/return\\?session_id=" + id + "$"), ReturnNavigation);
        var api = await ApiSession(id);
        Assert.Equal("complete", api.S("status"));
        Assert.Equal("Grace <b>Hopper</b>", api["collected_information"]!["shipping_details"].S("name"));
        Assert.Equal("Arlington", api["collected_information"]!["shipping_details"]!["address"].S("city"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task MountedAddressElement_WithoutShippingOptions_MustBeComplete_AndIsSentOnConfirm()
    {
        var session = await host.NewSession(1000, 1);
        var id = session.S("id");
        var (context, page, errors) = await Open(session, shipping: true);
        await using var _ = context;
        await FillCard(page, "4242424242424242");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("not ready");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(page.Locator("#error")).ToHaveTextAsync("Enter your shipping address.");
        await page.GetByLabel("Full name").FillAsync("Hanako Yamada");
        await page.GetByLabel("Address line 1").FillAsync("1-1 Chiyoda");
        await page.GetByLabel("City").FillAsync("Tokyo");
        await page.GetByLabel("Postal code").FillAsync("100-0001");
        await page.GetByLabel("Country").SelectOptionAsync("JP");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("ready");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/shop/return\\?session_id=" + id + "$"), ReturnNavigation);
        var details = (await ApiSession(id))["collected_information"]!["shipping_details"]!;
        Assert.Equal("JP", details["address"].S("country"));
        Assert.Null(details["address"]!["state"]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AddressEditedAfterItWasStored_ConfirmAsksToRetry_UntilTheShopStoresTheNewOne()
    {
        var rate = (await host.Http.Create("v1/shipping_rates", new Form(("display_name", "Post"), ("type", "fixed_amount"),
            ("fixed_amount[amount]", 300), ("fixed_amount[currency]", "usd")))).S("id");
        var session = await host.NewSession(1000, 1, extra: f => f.Add("shipping_options[0][shipping_rate]", rate));
        var id = session.S("id");
        var (context, page, errors) = await Open(session, shipping: true);
        await using var _ = context;
        await FillCard(page, "4242424242424242");
        await page.GetByLabel("Full name").FillAsync("Jean Dupont");
        await page.GetByLabel("Address line 1").FillAsync("1 rue de Rivoli");
        await page.GetByLabel("City").FillAsync("Paris");
        await page.GetByLabel("Postal code").FillAsync("75001");
        await page.GetByLabel("Country").SelectOptionAsync("FR");
        var stored = await page.EvaluateAsync<string>("() => window.actions.updateShippingAddress(window.lastAddress.value).then(r => r.type + ':' + r.session.shippingAddress.address.city)");
        Assert.Equal("success:Paris", stored);

        await page.GetByLabel("City").FillAsync("Lyon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Expect(page.Locator("#error")).ToHaveTextAsync("Your shipping address changed. Check the updated total and try again.");
        Assert.Equal("open", (await ApiSession(id)).S("status"));

        await page.EvaluateAsync("() => window.actions.updateShippingAddress(window.lastAddress.value)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/shop/return\\?session_id=" + id + "$"), ReturnNavigation);
        Assert.Equal("Lyon", (await ApiSession(id))["collected_information"]!["shipping_details"]!["address"].S("city"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ShopFlow_AddressThenServerRepricesShipping_ThenPay()
    {
        var session = await host.NewSession(1000, 1);
        var id = session.S("id");
        var (context, page, errors) = await Open(session, shipping: true, shippingMode: "shop");
        await using var _ = context;
        await Expect(page.Locator("#total")).ToHaveTextAsync("$10.00");
        await FillCard(page, "4242424242424242");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("not ready");
        await page.GetByLabel("Full name").FillAsync("Max Mustermann");
        await page.GetByLabel("Address line 1").FillAsync("Unter den Linden 1");
        await page.GetByLabel("City").FillAsync("Berlin");
        await page.GetByLabel("Country").SelectOptionAsync("DE");
        await page.GetByLabel("Postal code").FillAsync("10117");
        await Expect(page.Locator("#total")).ToHaveTextAsync("$25.00");
        await Expect(page.Locator("#can-confirm")).ToHaveTextAsync("ready");
        Assert.Equal("International", await page.EvaluateAsync<string>("() => window.actions.getSession().shipping.shippingOption.displayName"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/shop/return\\?session_id=" + id + "$"), ReturnNavigation);
        var api = await ApiSession(id);
        Assert.Equal("complete", api.S("status"));
        Assert.Equal(2500, api.L("amount_total"));
        Assert.Equal("DE", api["collected_information"]!["shipping_details"]!["address"].S("country"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task NonOpenSession_ConfirmIsAnError()
    {
        var session = await host.NewSession(1000, 1);
        var (context, page, errors) = await Open(session);
        await using var _ = context;
        await host.Http.Post($"v1/checkout/sessions/{session.S("id")}/expire");
        await FillCard(page, "4242424242424242");
        // The page still believes the session is open: the emulator refuses, and the snapshot catches up.
        var stale = await page.EvaluateAsync<string>("() => window.actions.updateEmail('x@example.test').then(r => r.type + ':' + r.error.code)");
        Assert.Equal("error:null", stale);
        Assert.Equal("expired", await page.EvaluateAsync<string>("() => window.actions.getSession().status.type"));
        await page.EvaluateAsync("() => window.actions.runServerUpdate(() => Promise.resolve(null))");
        Assert.Equal("expired", await page.EvaluateAsync<string>("() => window.actions.getSession().status.type"));
        var r = await page.EvaluateAsync<string>("() => window.actions.confirm().then(r => r.type + ':' + r.error.code)");
        Assert.Equal("error:null", r);
        var m = await page.EvaluateAsync<string>("() => window.actions.updateEmail('x@example.test').then(r => r.type + ':' + r.error.code)");
        Assert.Equal("error:null", m);
        Assert.Empty(errors);
    }

    /// <summary>Shape of small objects returned from page.EvaluateAsync.</summary>
    public sealed class JsonElementHolder
    {
#pragma warning disable IDE1006 // JS property names
        public string? type { get; set; }
        public string? code { get; set; }
        public string? message { get; set; }
#pragma warning restore IDE1006
    }
}
