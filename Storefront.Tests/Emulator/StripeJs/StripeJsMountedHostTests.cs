using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Storefront.Tests.Emulator.StripeJs;

/// <summary>
/// The stand-in inside a host that requires an authenticated user everywhere and validates antiforgery tokens (the
/// shop's situation): the script and its client endpoints still work, unauthenticated and without tokens.
/// </summary>
public sealed class StripeJsMountedHostTests(MountedEmulator host) : IClassFixture<MountedEmulator>
{
    [Fact]
    public async Task ScriptAndClientEndpoints_IgnoreTheHostsAuthAndAntiforgery()
    {
        using var anon = new HttpClient();
        var script = await anon.GetAsync(host.Origin + "/_stripe/js/stripe.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);

        var price = await host.Http.NewPrice(2500, name: "Teapot");
        var session = await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("customer_email", "a@b.test"));
        using var js = new HttpClient { BaseAddress = new Uri(host.Origin + "/_stripe/_js/") };
        js.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pk_test_emulator");
        var email = await js.PostJson("checkout/email", new { client_secret = session.S("client_secret"), email = "c@d.test" });
        Assert.Equal(HttpStatusCode.OK, email.Status);
        var confirm = await js.PostJson("checkout/confirm", new { client_secret = session.S("client_secret"), card = new { number = "4242424242424242" } });
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Equal("https://shop.test/return?session_id=" + session.S("id"), confirm.Obj.S("redirect_url"));

        // The host's own rules still apply to its own pages.
        var hostPage = await anon.GetAsync(host.Origin + "/host-page");
        Assert.NotEqual(HttpStatusCode.OK, hostPage.StatusCode);
    }

    [Fact]
    public async Task SubscriptionSession_ShowsRecurring_AndConfirmCreatesSubscription()
    {
        var monthly = await host.Http.NewPrice(900, name: "Tea club", interval: "month");
        var form = new Form(("ui_mode", "custom"), ("mode", "subscription"), ("return_url", "https://shop.test/r?s={CHECKOUT_SESSION_ID}"),
            ("line_items[0][price]", monthly), ("line_items[0][quantity]", 1), ("customer_email", "sub@b.test"));
        var session = await host.Http.Create("v1/checkout/sessions", form);
        using var js = new HttpClient { BaseAddress = new Uri(host.Origin + "/_stripe/_js/") };
        js.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pk_test_emulator");
        var s = JsonNode.Parse(await js.GetStringAsync("checkout/session?client_secret=" + Uri.EscapeDataString(session.S("client_secret"))))!;
        Assert.Equal("month", s["line_items"]![0]!["recurring"].S("interval"));
        var confirm = await js.PostJson("checkout/confirm", new { client_secret = session.S("client_secret"), card = new { number = "4242424242424242" } });
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        var api = (await host.Http.Get($"v1/checkout/sessions/{session.S("id")}")).Obj;
        Assert.Equal("complete", api.S("status"));
        Assert.StartsWith("sub_", api.S("subscription"));
    }
}
