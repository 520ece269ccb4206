using System.Net;
using System.Text.Json.Nodes;
using Storefront.StripeEmulator;

namespace Storefront.Tests.Emulator.StripeJs;

/// <summary>The Stripe.js stand-in's script and client endpoints over HTTP (emulator mounted at /_stripe on Kestrel).</summary>
public sealed class StripeJsEndpointTests(StripeJsHost host) : IClassFixture<StripeJsHost>
{
    private static string Secret(JsonObject session) => session.S("client_secret");

    private async Task<JsonObject> ClientSession(HttpClient js, string secret)
    {
        var r = await js.GetAsync("checkout/session?client_secret=" + Uri.EscapeDataString(secret));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return JsonNode.Parse(await r.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<int> CompletedEvents(string sessionId)
    {
        var list = (await host.Http.Get("v1/events", new Form(("type", "checkout.session.completed"), ("limit", 100)))).Obj;
        return list["data"]!.AsArray().Count(e => (string?)e!["data"]!["object"]!["id"] == sessionId);
    }

    [Fact]
    public async Task Script_IsServedAsJavaScript_WithoutAuth_MountedAndAtRoot()
    {
        using var anon = new HttpClient();
        var r = await anon.GetAsync(host.Origin + "/_stripe/js/stripe.js");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/javascript", r.Content.Headers.ContentType!.MediaType);
        var text = await r.Content.ReadAsStringAsync();
        Assert.Contains("window.Stripe = Stripe", text, StringComparison.Ordinal);
        Assert.Contains("initCheckout", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".innerHTML", text, StringComparison.Ordinal);
        Assert.DoesNotContain("insertAdjacentHTML", text, StringComparison.Ordinal);
        Assert.DoesNotContain("document.write", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4242424242424242", true)]
    [InlineData("4000002500003155", true)]
    [InlineData("4000000000000002", true)]
    [InlineData("4242424242424241", false)]
    [InlineData("1234567812345678", false)]
    public void Luhn_ChecksTheCheckDigit(string number, bool valid) =>
        Assert.Equal(valid, Storefront.StripeEmulator.StripeJs.StripeJsApi.Luhn(number));

    [Fact]
    public async Task Dashboard_PointsToTheStandIn()
    {
        using var anon = new HttpClient();
        var html = await anon.GetStringAsync(host.Origin + "/_stripe/");
        Assert.Contains("<code>/_stripe/js/stripe.js</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientEndpoints_RequirePublishableKey_AndTheRightClientSecret()
    {
        var session = await host.NewSession();
        using var noKey = host.NewJsClient(null);
        var r1 = await noKey.GetAsync("checkout/session?client_secret=" + Uri.EscapeDataString(Secret(session)));
        Assert.Equal(HttpStatusCode.Unauthorized, r1.StatusCode);

        using var secretKey = host.NewJsClient(EmulatorHost.SecretKey);
        var r2 = await secretKey.GetAsync("checkout/session?client_secret=" + Uri.EscapeDataString(Secret(session)));
        Assert.Equal(HttpStatusCode.Unauthorized, r2.StatusCode);

        using var js = host.NewJsClient();
        var r3 = await js.GetAsync("checkout/session?client_secret=" + Uri.EscapeDataString(session.S("id") + "_secret_wrong"));
        Assert.Equal(HttpStatusCode.NotFound, r3.StatusCode);
        var error = JsonNode.Parse(await r3.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("invalid_request_error", error.S("type"));
        Assert.Equal("resource_missing", error.S("code"));
        Assert.Equal(StripeJsMessages.UnknownClientSecret, error.S("message"));

        var r4 = await js.PostJson("checkout/confirm", new { client_secret = "cs_test_nope_secret_nope", card = new { number = "4242424242424242" } });
        Assert.Equal(HttpStatusCode.NotFound, r4.Status);
        Assert.Equal("open", (await host.Http.Get($"v1/checkout/sessions/{session.S("id")}")).Obj.S("status"));
    }

    [Fact]
    public async Task Preflight_AllowsCrossOriginUse()
    {
        using var anon = new HttpClient();
        using var req = new HttpRequestMessage(HttpMethod.Options, host.Origin + "/_stripe/_js/checkout/confirm");
        req.Headers.Add("Origin", "http://127.0.0.1:1");
        req.Headers.Add("Access-Control-Request-Method", "POST");
        var r = await anon.SendAsync(req);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.Equal("*", string.Join(",", r.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Authorization", string.Join(",", r.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_HasNamesAndMinorUnitTotals_Usd()
    {
        var rate = (await host.Http.Create("v1/shipping_rates", new Form(("display_name", "Courier"), ("type", "fixed_amount"),
            ("fixed_amount[amount]", 500), ("fixed_amount[currency]", "usd"),
            ("delivery_estimate[minimum][unit]", "business_day"), ("delivery_estimate[minimum][value]", 2),
            ("delivery_estimate[maximum][unit]", "business_day"), ("delivery_estimate[maximum][value]", 4)))).S("id");
        var coupon = (await host.Http.Create("v1/coupons", new Form(("percent_off", 10), ("name", "TENOFF")))).S("id");
        var session = await host.NewSession(1500, 2, extra: f => f.Add("shipping_options[0][shipping_rate]", rate).Add("discounts[0][coupon]", coupon));
        using var js = host.NewJsClient();
        var s = await ClientSession(js, Secret(session));
        Assert.Equal(session.S("id"), s.S("id"));
        Assert.Equal("open", s.S("status"));
        Assert.Equal("usd", s.S("currency"));
        Assert.Equal("buyer@example.test", s.S("email"));
        var line = s["line_items"]!.AsArray().Single()!;
        Assert.Equal("Test Mug", line.S("name"));
        Assert.Equal(2, line.L("quantity"));
        Assert.Equal(1500, line.L("unit_amount"));
        Assert.Equal(3000, line.L("amount_subtotal"));
        Assert.Equal(300, line.L("amount_discount"));
        Assert.Null(line["recurring"]);
        var discount = s["discounts"]!.AsArray().Single()!;
        Assert.Equal("TENOFF", discount.S("display_name"));
        Assert.Equal(300, discount.L("amount"));
        var option = s["shipping_options"]!.AsArray().Single()!;
        Assert.Equal("Courier", option.S("display_name"));
        Assert.Equal(500, option.L("amount"));
        Assert.Equal(2, option["delivery_estimate"]!["minimum"].L("value"));
        Assert.Equal(rate, s.S("selected_shipping_rate"));
        var totals = s["totals"]!;
        Assert.Equal(3000, totals.L("subtotal"));
        Assert.Equal(300, totals.L("discount"));
        Assert.Equal(500, totals.L("shipping"));
        Assert.Equal(3200, totals.L("total"));
        Assert.Null(s["shipping_address"]);
    }

    [Fact]
    public async Task Session_Jpy_IsInMinorUnitsWithoutScaling()
    {
        var session = await host.NewSession(1500, 3, "jpy");
        using var js = host.NewJsClient();
        var s = await ClientSession(js, Secret(session));
        Assert.Equal("jpy", s.S("currency"));
        Assert.Equal(4500, s["totals"].L("total"));
        Assert.Equal(1500, s["line_items"]![0].L("unit_amount"));
    }

    [Fact]
    public async Task LineItemQuantity_ClientChange_Works_ButIsRefusedUnderServerOnly()
    {
        using var js = host.NewJsClient();
        var free = await host.NewSession(1000, 1);
        var lineId = (await ClientSession(js, Secret(free)))["line_items"]![0].S("id");
        var ok = await js.PostJson("checkout/line_item_quantity", new { client_secret = Secret(free), line_item = lineId, quantity = 3 });
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(3000, ok.Obj["totals"].L("total"));

        var locked = await host.NewSession(1000, 1, extra: f => f.Add("permissions[update_line_items]", "server_only"));
        var lockedLine = (await ClientSession(js, Secret(locked)))["line_items"]![0].S("id");
        var refused = await js.PostJson("checkout/line_item_quantity", new { client_secret = Secret(locked), line_item = lockedLine, quantity = 3 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("permission_denied", refused.Error.S("code"));
        Assert.Equal(EmulatorMessages.ClientUpdateForbidden, refused.Error.S("message"));
        Assert.Equal(1000, (await host.Http.Get($"v1/checkout/sessions/{locked.S("id")}")).Obj.L("amount_total"));
    }

    [Fact]
    public async Task PromotionCode_MatchesCouponName_AndIsRefusedUnderServerOnly()
    {
        await host.Http.Create("v1/coupons", new Form(("amount_off", 200), ("currency", "usd"), ("name", "SAVE2")));
        using var js = host.NewJsClient();
        var session = await host.NewSession(1000, 1);
        var applied = await js.PostJson("checkout/promotion_code", new { client_secret = Secret(session), code = "save2" });
        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.Equal(800, applied.Obj["totals"].L("total"));
        var unknown = await js.PostJson("checkout/promotion_code", new { client_secret = Secret(session), code = "NOPE" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("invalid_promotion_code", unknown.Error.S("code"));
        var removed = await js.PostJson("checkout/promotion_code/remove", new { client_secret = Secret(session) });
        Assert.Equal(1000, removed.Obj["totals"].L("total"));

        var locked = await host.NewSession(1000, 1, extra: f => f.Add("permissions[update_discounts]", "server_only"));
        var refused = await js.PostJson("checkout/promotion_code", new { client_secret = Secret(locked), code = "SAVE2" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("permission_denied", refused.Error.S("code"));
        Assert.Equal(StripeJsMessages.ClientDiscountUpdateForbidden, refused.Error.S("message"));
    }

    [Fact]
    public async Task ShippingAddress_IsStoredAsCollectedShippingDetails_EvenUnderServerOnly()
    {
        var session = await host.NewSession(extra: f => f.Add("permissions[update_shipping_details]", "server_only"));
        using var js = host.NewJsClient();
        var r = await js.PostJson("checkout/shipping_address", new
        {
            client_secret = Secret(session),
            name = "Ada Lovelace",
            address = new { line1 = "1 Analytical Way", line2 = (string?)null, city = "London", state = "", postal_code = "N1 9GU", country = "gb" },
        });
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("Ada Lovelace", r.Obj["shipping_address"].S("name"));

        var api = (await host.Http.Get($"v1/checkout/sessions/{session.S("id")}")).Obj;
        var details = api["collected_information"]!["shipping_details"]!;
        Assert.Equal("Ada Lovelace", details.S("name"));
        Assert.Equal("1 Analytical Way", details["address"].S("line1"));
        Assert.Null(details["address"]!["line2"]);
        Assert.Equal("London", details["address"].S("city"));
        Assert.Equal("N1 9GU", details["address"].S("postal_code"));
        Assert.Equal("GB", details["address"].S("country"));

        var missing = await js.PostJson("checkout/shipping_address", new { client_secret = Secret(session), name = "X", address = new { line1 = "a", city = "b", country = "US" } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("address[postal_code]", missing.Error.S("param"));
    }

    [Fact]
    public async Task Email_IsValidated_AndStored_ShippingOption_IsSelected()
    {
        var rateA = (await host.Http.Create("v1/shipping_rates", new Form(("display_name", "Standard"), ("type", "fixed_amount"), ("fixed_amount[amount]", 0), ("fixed_amount[currency]", "usd")))).S("id");
        var rateB = (await host.Http.Create("v1/shipping_rates", new Form(("display_name", "Express"), ("type", "fixed_amount"), ("fixed_amount[amount]", 900), ("fixed_amount[currency]", "usd")))).S("id");
        var session = await host.NewSession(1000, 1, email: null, extra: f => f.Add("shipping_options[0][shipping_rate]", rateA).Add("shipping_options[1][shipping_rate]", rateB));
        using var js = host.NewJsClient();
        var bad = await js.PostJson("checkout/email", new { client_secret = Secret(session), email = "not-an-email" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("invalid_email", bad.Error.S("code"));
        var good = await js.PostJson("checkout/email", new { client_secret = Secret(session), email = "typed@example.test" });
        Assert.Equal("typed@example.test", good.Obj.S("email"));

        var picked = await js.PostJson("checkout/shipping_option", new { client_secret = Secret(session), shipping_rate = rateB });
        Assert.Equal(HttpStatusCode.OK, picked.Status);
        Assert.Equal(1900, picked.Obj["totals"].L("total"));
        var wrong = await js.PostJson("checkout/shipping_option", new { client_secret = Secret(session), shipping_rate = "shr_nope" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
    }

    [Theory]
    [InlineData("4000 0000 0000 0002", "card_declined", "generic_decline", "Your card was declined.")]
    [InlineData("4000000000009995", "card_declined", "insufficient_funds", "Your card has insufficient funds.")]
    [InlineData("4000000000000069", "expired_card", "expired_card", "Your card has expired.")]
    [InlineData("4242424242424241", "incorrect_number", null, "Your card number is incorrect.")]
    [InlineData("4111111111111111", "incorrect_number", null, "Your card number is incorrect.")]
    public async Task Confirm_DeclinedCards_Are402_SessionStaysOpen_NoEvent(string number, string code, string? decline, string message)
    {
        var session = await host.NewSession();
        using var js = host.NewJsClient();
        var r = await js.PostJson("checkout/confirm", new { client_secret = Secret(session), card = new { number, exp_month = 12, exp_year = 2034, cvc = "123" } });
        Assert.Equal(HttpStatusCode.PaymentRequired, r.Status);
        Assert.Equal("card_error", r.Error.S("type"));
        Assert.Equal(code, r.Error.S("code"));
        Assert.Equal(decline, (string?)r.Error["decline_code"]);
        Assert.Equal(message, r.Error.S("message"));
        var api = (await host.Http.Get($"v1/checkout/sessions/{session.S("id")}")).Obj;
        Assert.Equal("open", api.S("status"));
        Assert.Equal("unpaid", api.S("payment_status"));
        Assert.Equal(0, await CompletedEvents(session.S("id")));
    }

    [Fact]
    public async Task Confirm_4242_CompletesSession_EmitsEvent_AndReturnsRedirect()
    {
        var session = await host.NewSession();
        var id = session.S("id");
        using var js = host.NewJsClient();
        var r = await js.PostJson("checkout/confirm", new { client_secret = Secret(session), card = new { number = "4242 4242 4242 4242", exp_month = 12, exp_year = 34, cvc = "123" } });
        Assert.Equal(HttpStatusCode.OK, r.Status);
        Assert.Equal("succeeded", r.Obj.S("status"));
        Assert.Equal(host.Origin + "/shop/return?session_id=" + id, r.Obj.S("redirect_url"));
        Assert.Equal("complete", r.Obj["session"].S("status"));
        var api = (await host.Http.Get($"v1/checkout/sessions/{id}")).Obj;
        Assert.Equal("complete", api.S("status"));
        Assert.Equal("paid", api.S("payment_status"));
        Assert.Equal("buyer@example.test", api["customer_details"].S("email"));
        Assert.StartsWith("pi_", api.S("payment_intent"));
        Assert.Equal(1, await CompletedEvents(id));
        await Api.Eventually(() => host.Received.Any(w => (string?)w.Event["data"]!["object"]!["id"] == id), "checkout.session.completed webhook");

        var again = await js.PostJson("checkout/confirm", new { client_secret = Secret(session), card = new { number = "4242424242424242" } });
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal(EmulatorMessages.SessionNotOpen, again.Error.S("message"));
        Assert.Equal(1, await CompletedEvents(id));
    }

    [Fact]
    public async Task Confirm_3155_NeedsAuthentication_FailedThenCompleted()
    {
        var session = await host.NewSession();
        var id = session.S("id");
        using var js = host.NewJsClient();
        var card = new { number = "4000002500003155", exp_month = 12, exp_year = 2034, cvc = "123" };
        var skipped = await js.PostJson("checkout/confirm", new { client_secret = Secret(session), card, authentication = "completed" });
        Assert.Equal(HttpStatusCode.BadRequest, skipped.Status);
        Assert.Equal("authentication", skipped.Error.S("param"));
        var first = await js.PostJson("checkout/confirm", new { client_secret = Secret(session), card });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("requires_action", first.Obj.S("status"));
        Assert.Equal("open", (await host.Http.Get($"v1/checkout/sessions/{id}")).Obj.S("status"));

        var failed = await js.PostJson("checkout/confirm", new { client_secret = Secret(session), card, authentication = "failed" });
        Assert.Equal(HttpStatusCode.PaymentRequired, failed.Status);
        Assert.Equal("payment_intent_authentication_failure", failed.Error.S("code"));
        Assert.StartsWith("We are unable to authenticate your payment method", failed.Error.S("message"));
        Assert.Equal(0, await CompletedEvents(id));

        var again = await js.PostJson("checkout/confirm", new { client_secret = Secret(session), card });
        Assert.Equal("requires_action", again.Obj.S("status"));
        var done = await js.PostJson("checkout/confirm", new { client_secret = Secret(session), card, authentication = "completed", return_url = host.Origin + "/elsewhere/{CHECKOUT_SESSION_ID}" });
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal(host.Origin + "/elsewhere/" + id, done.Obj.S("redirect_url"));
        Assert.Equal("paid", (await host.Http.Get($"v1/checkout/sessions/{id}")).Obj.S("payment_status"));
        Assert.Equal(1, await CompletedEvents(id));
    }

    [Fact]
    public async Task Confirm_WithoutEmail_OrWithoutNeededAddress_Is400()
    {
        using var js = host.NewJsClient();
        var noEmail = await host.NewSession(email: null);
        var r = await js.PostJson("checkout/confirm", new { client_secret = Secret(noEmail), card = new { number = "4242424242424242" } });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("missing_email", r.Error.S("code"));
        Assert.Equal("Enter your email address.", r.Error.S("message"));
        var withEmail = await js.PostJson("checkout/confirm", new { client_secret = Secret(noEmail), email = "late@example.test", card = new { number = "4242424242424242" } });
        Assert.Equal(HttpStatusCode.OK, withEmail.Status);
        Assert.Equal("late@example.test", (await host.Http.Get($"v1/checkout/sessions/{noEmail.S("id")}")).Obj["customer_details"].S("email"));

        var rate = (await host.Http.Create("v1/shipping_rates", new Form(("display_name", "Post"), ("type", "fixed_amount"), ("fixed_amount[amount]", 300), ("fixed_amount[currency]", "usd")))).S("id");
        var shipped = await host.NewSession(extra: f => f.Add("shipping_options[0][shipping_rate]", rate));
        var r2 = await js.PostJson("checkout/confirm", new { client_secret = Secret(shipped), card = new { number = "4242424242424242" } });
        Assert.Equal(HttpStatusCode.BadRequest, r2.Status);
        Assert.Equal("missing_shipping_address", r2.Error.S("code"));
    }

    [Fact]
    public async Task RootMounting_ServesScriptAndEndpointsAtRoot()
    {
        await using var root = new RootEmulator();
        await root.InitializeAsync();
        using var anon = new HttpClient();
        var script = await anon.GetAsync(root.Origin + "/js/stripe.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        var price = await root.Http.NewPrice(700);
        var session = await root.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)));
        using var js = new HttpClient { BaseAddress = new Uri(root.Origin + "/_js/") };
        js.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", StripeJsHost.PublishableKey);
        var s = await ClientSession(js, Secret(session));
        Assert.Equal(700, s["totals"].L("total"));
    }
}
