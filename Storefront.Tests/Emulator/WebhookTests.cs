using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Storefront.Tests.Emulator;

public sealed class WebhookTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    /// <summary>Independent re-implementation of the receiver's check: HMAC-SHA256(whsec, "{t}.{body}") as lowercase hex.</summary>
    private static bool SignatureIsValid(string header, string body, string secret, long now)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToList();
        var t = parts.Single(p => p[0] == "t")[1];
        if (Math.Abs(now - long.Parse(t, CultureInfo.InvariantCulture)) > 300) return false;
        var expected = Convert.ToHexString(new HMACSHA256(Encoding.UTF8.GetBytes(secret)).ComputeHash(Encoding.UTF8.GetBytes($"{t}.{body}"))).ToLowerInvariant();
        return parts.Where(p => p[0] == "v1").Any(p => p[1] == expected);
    }

    private async Task<string> NewSession(int failTimes = 0)
    {
        var price = await host.Http.NewPrice(4200);
        return (await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("metadata[fail_times]", failTimes))).S("id");
    }

    private async Task<ReceivedWebhook> WaitFor(string type, string sessionId, Func<ReceivedWebhook, bool>? extra = null)
    {
        ReceivedWebhook? hit = null;
        await Api.Eventually(() =>
        {
            hit = host.Received.FirstOrDefault(w => w.Event.S("type") == type && w.Event["data"]!["object"].S("id") == sessionId && (extra?.Invoke(w) ?? true));
            return hit is not null;
        }, type + " for " + sessionId);
        return hit!;
    }

    [Fact]
    public async Task Completed_IsDeliveredSigned_WithRequestInfo_AndRetrievable()
    {
        var id = await NewSession();
        var key = Guid.NewGuid().ToString();
        var done = await host.Http.Post($"v1/test_helpers/checkout/sessions/{id}/complete", new Form(), key,
            "2025-03-31.basil; checkout_server_update_beta=v1;");
        Assert.Equal(HttpStatusCode.OK, done.Status);

        var hook = await WaitFor("checkout.session.completed", id);
        Assert.True(SignatureIsValid(hook.Signature, hook.Body, EmulatorHost.WebhookSecret, host.Clock.GetUtcNow().ToUnixTimeSeconds()), hook.Signature);
        Assert.False(SignatureIsValid(hook.Signature, hook.Body, "whsec_wrong", host.Clock.GetUtcNow().ToUnixTimeSeconds()));
        Assert.Matches($"^t={host.Clock.GetUtcNow().ToUnixTimeSeconds()},v1=[0-9a-f]{{64}}$", hook.Signature);

        var ev = hook.Event;
        Assert.Matches("^evt_", ev.S("id"));
        Assert.Equal("event", ev.S("object"));
        Assert.Equal("2025-03-31.basil", ev.S("api_version"));
        Assert.False((bool)ev["livemode"]!);
        Assert.Equal(1, ev.L("pending_webhooks"));
        Assert.Equal(done.Header("Request-Id"), ev["request"].S("id"));
        Assert.Equal(key, ev["request"].S("idempotency_key"));
        Assert.Equal("complete", ev["data"]!["object"].S("status"));
        Assert.Equal("paid", ev["data"]!["object"].S("payment_status"));

        await Api.Eventually(() => host.State.WebhookDeliveries.Any(d => d.EventId == ev.S("id") && d.Succeeded), "delivery log");
        var fetched = await host.Http.Get($"v1/events/{ev.S("id")}");
        Assert.Equal("checkout.session.completed", fetched.Obj.S("type"));
        Assert.Equal(0, fetched.Obj.L("pending_webhooks"));
        Assert.Equal(id, fetched.Obj["data"]!["object"].S("id"));
    }

    [Fact]
    public async Task FailedDelivery_IsRetried_AndLogged()
    {
        var id = await NewSession(failTimes: 2);
        host.State.CompleteCheckoutSession(id);
        var ok = await WaitFor("checkout.session.completed", id, w => w.AnsweredStatus == 200);
        var eventId = ok.Event.S("id");
        await Api.Eventually(() => host.State.WebhookDeliveries.Any(d => d.EventId == eventId && d.Succeeded), "successful attempt");

        var attempts = host.State.WebhookDeliveries.Where(d => d.EventId == eventId).OrderBy(d => d.Attempt).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Equal([500, 500, 200], attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal([false, false, true], attempts.Select(a => a.Succeeded));
        Assert.All(attempts, a => Assert.Equal(host.Origin + "/hooks/a", a.EndpointUrl));
        Assert.All(attempts, a => Assert.Equal("checkout.session.completed", a.EventType));
        // The same event body is sent on every attempt.
        Assert.Single(host.Received.Where(w => w.Event.S("id") == eventId).Select(w => w.Body).Distinct());

        using var control = host.NewClient(null);
        var log = await control.Get("_emulator/webhooks/deliveries");
        Assert.Equal(3, log.Obj["data"]!.AsArray().Count(d => d.S("event_id") == eventId));
    }

    [Fact]
    public async Task AsyncPayment_SucceededAndFailed_EmitTheirEvents()
    {
        var good = await NewSession();
        var processing = await host.Http.Create($"v1/test_helpers/checkout/sessions/{good}/complete", new Form(("payment_outcome", "processing")));
        Assert.Equal("complete", processing.S("status"));
        Assert.Equal("unpaid", processing.S("payment_status"));
        var settled = await host.Http.Create($"v1/test_helpers/checkout/sessions/{good}/async_payment", new Form(("outcome", "succeeded")));
        Assert.Equal("paid", settled.S("payment_status"));
        await WaitFor("checkout.session.async_payment_succeeded", good);

        var bad = await NewSession();
        await host.Http.Create($"v1/test_helpers/checkout/sessions/{bad}/complete", new Form(("payment_outcome", "processing")));
        await host.Http.Create($"v1/test_helpers/checkout/sessions/{bad}/async_payment", new Form(("outcome", "failed")));
        var failed = await WaitFor("checkout.session.async_payment_failed", bad);
        Assert.Equal("unpaid", failed.Event["data"]!["object"].S("payment_status"));

        var list = await host.Http.Get("v1/events", new Form(("type", "checkout.session.async_payment_*"), ("limit", 100)));
        var types = list.Obj["data"]!.AsArray().Select(e => e.S("type")).ToList();
        Assert.Contains("checkout.session.async_payment_succeeded", types);
        Assert.Contains("checkout.session.async_payment_failed", types);
        Assert.DoesNotContain("checkout.session.completed", types);
    }

    [Fact]
    public async Task Expire_EmitsExpiredEvent_WithTheRequestsApiVersion()
    {
        var id = await NewSession();
        await host.Http.Create($"v1/checkout/sessions/{id}/expire", new Form());
        var hook = await WaitFor("checkout.session.expired", id);
        Assert.Equal("expired", hook.Event["data"]!["object"].S("status"));
        Assert.Equal("2025-03-31.basil", hook.Event.S("api_version"));
    }
}

public sealed class MountedEmulatorTests(MountedEmulator host) : IClassFixture<MountedEmulator>
{
    [Fact]
    public async Task ApiLivesUnderThePrefix_AndTheHostKeepsItsRoutes()
    {
        var price = await host.Http.NewPrice(999, name: "Prefixed");
        var s = await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)));
        Assert.Equal(999, s.L("amount_total"));

        // The host's own rules still apply to its own pages: anonymous visitors are sent to log in.
        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Origin + "/") };
        var page = await raw.GetAsync("host-page");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await raw.GetAsync("v1/products")).StatusCode);
        var unknown = await host.Http.Get("nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("invalid_request_error", unknown.Error.S("type"));
    }

    [Fact]
    public async Task Dashboard_ListsSessionsAndEvents_HtmlEncoded()
    {
        var price = await host.Http.NewPrice(100, name: "<script>alert(1)</script>");
        var id = (await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("metadata[note]", "<b>&"))).S("id");
        host.State.CompleteCheckoutSession(id);
        using var raw = new HttpClient();
        var html = await raw.GetStringAsync(host.Origin + "/_stripe/");
        Assert.Contains(id, html);
        Assert.Contains("checkout.session.completed", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("note=&lt;b&gt;&amp;", html);
        var noSlash = await raw.GetAsync(host.Origin + "/_stripe");
        Assert.Equal("text/html; charset=utf-8", noSlash.Content.Headers.ContentType!.ToString());
    }
}
