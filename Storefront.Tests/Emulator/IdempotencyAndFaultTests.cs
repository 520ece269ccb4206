using System.Net;
using Storefront.StripeEmulator;

namespace Storefront.Tests.Emulator;

public sealed class IdempotencyTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task SameKeySameBody_ReplaysFirstResponse()
    {
        var key = Guid.NewGuid().ToString();
        var first = await host.Http.Post("v1/products", new Form(("name", "Once")), key);
        var second = await host.Http.Post("v1/products", new Form(("name", "Once")), key);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Obj.S("id"), second.Obj.S("id"));
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal("", first.Header("Idempotent-Replayed"));
        Assert.Equal(first.Header("Request-Id"), second.Header("Request-Id"));
    }

    [Fact]
    public async Task ErrorsFromExecution_AreReplayedToo()
    {
        var key = Guid.NewGuid().ToString();
        var first = await host.Http.Post("v1/products", new Form(("nme", "typo")), key);
        var second = await host.Http.Post("v1/products", new Form(("nme", "typo")), key);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal(first.Error.S("message"), second.Error.S("message"));
    }

    [Fact]
    public async Task SameKeyDifferentParameters_IsIdempotencyError()
    {
        var key = Guid.NewGuid().ToString();
        await host.Http.Post("v1/products", new Form(("name", "A")), key);
        var r = await host.Http.Post("v1/products", new Form(("name", "B")), key);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("idempotency_error", r.Error.S("type"));
        Assert.StartsWith("Keys for idempotent requests can only be used with the same parameters they were first used with.", r.Error.S("message"));
        var otherPath = await host.Http.Post("v1/coupons", new Form(("name", "A")), key);
        Assert.Equal("idempotency_error", otherPath.Error.S("type"));
    }

    [Fact]
    public async Task KeysAreScopedPerSecretKey()
    {
        var key = Guid.NewGuid().ToString();
        var a = await host.Http.Post("v1/products", new Form(("name", "Scoped")), key);
        using var other = host.NewClient(EmulatorHost.OtherAccountKey);
        var b = await other.Post("v1/products", new Form(("name", "Scoped")), key);
        Assert.NotEqual(a.Obj.S("id"), b.Obj.S("id"));
        Assert.Equal("", b.Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task KeyStillExecuting_Is409()
    {
        var key = Guid.NewGuid().ToString();
        host.State.AddFault(new FaultRule { Kind = FaultKind.Latency, Method = "POST", PathPattern = "/v1/tax_rates", Latency = TimeSpan.FromMilliseconds(800) });
        var form = new Form(("display_name", "Slow"), ("percentage", "5"), ("inclusive", "false"));
        var slow = host.Http.Post("v1/tax_rates", form, key);
        await Api.Eventually(() => host.State.IsIdempotencyKeyInFlight(EmulatorHost.SecretKey, key), "first request to hold the key");
        var concurrent = await host.Http.Post("v1/tax_rates", form, key);
        Assert.Equal(HttpStatusCode.Conflict, concurrent.Status);
        Assert.Equal("idempotency_error", concurrent.Error.S("type"));
        var first = await slow;
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var replay = await host.Http.Post("v1/tax_rates", form, key);
        Assert.Equal(first.Obj.S("id"), replay.Obj.S("id"));
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task InjectedFault_DoesNotConsumeTheKey_AndWinsOverReplay()
    {
        var key = Guid.NewGuid().ToString();
        host.State.AddFault(new FaultRule { Kind = FaultKind.ServerError500, Method = "POST", PathPattern = "/v1/coupons" });
        var form = new Form(("percent_off", "10"));
        var failed = await host.Http.Post("v1/coupons", form, key);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        var retried = await host.Http.Post("v1/coupons", form, key);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal("", retried.Header("Idempotent-Replayed"));

        host.State.AddFault(new FaultRule { Kind = FaultKind.ServiceUnavailable503, PathPattern = "/v1/coupons" });
        var faultFirst = await host.Http.Post("v1/coupons", form, key);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faultFirst.Status);
        var replay = await host.Http.Post("v1/coupons", form, key);
        Assert.Equal(retried.Obj.S("id"), replay.Obj.S("id"));
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task KeyOver255Chars_Is400()
    {
        var r = await host.Http.Post("v1/products", new Form(("name", "x")), new string('k', 256));
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
    }
}

public sealed class FaultInjectionTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task NextNMatchingCalls_Fail_ThenServiceResumes()
    {
        host.State.AddFault(new FaultRule { Kind = FaultKind.ServerError500, Method = "GET", PathPattern = "/v1/products*", Count = 2, ShouldRetry = true });
        var a = await host.Http.Get("v1/products");
        var b = await host.Http.Get("v1/products/prod_x");
        var c = await host.Http.Get("v1/products");
        Assert.Equal(HttpStatusCode.InternalServerError, a.Status);
        Assert.Equal("api_error", a.Error.S("type"));
        Assert.Equal("true", a.Header("Stripe-Should-Retry"));
        Assert.Equal(HttpStatusCode.InternalServerError, b.Status);
        Assert.Equal(HttpStatusCode.OK, c.Status);
    }

    [Fact]
    public async Task RateLimit429_WithShouldRetryFalse_And503WithoutHeader()
    {
        host.State.AddFault(new FaultRule { Kind = FaultKind.RateLimited429, PathPattern = "/v1/prices", ShouldRetry = false });
        var limited = await host.Http.Get("v1/prices");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("rate_limit", limited.Error.S("code"));
        Assert.Equal("false", limited.Header("Stripe-Should-Retry"));

        host.State.AddFault(new FaultRule { Kind = FaultKind.ServiceUnavailable503, PathPattern = "/v1/prices" });
        var unavailable = await host.Http.Get("v1/prices");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        Assert.Equal("", unavailable.Header("Stripe-Should-Retry"));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.Get("v1/prices")).Status);
    }

    [Fact]
    public async Task DropConnection_AbortsWithoutResponse()
    {
        host.State.AddFault(new FaultRule { Kind = FaultKind.DropConnection, PathPattern = "/v1/shipping_rates" });
        await Assert.ThrowsAsync<HttpRequestException>(() => host.Http.Get("v1/shipping_rates"));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.Get("v1/shipping_rates")).Status);
    }

    [Fact]
    public async Task Faults_CanBeManagedOverHttp()
    {
        using var control = host.NewClient(null);
        var added = await control.Post("_emulator/faults", new Form(("kind", "503"), ("method", "POST"), ("path", "/v1/checkout/sessions/*"), ("should_retry", "true")));
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal("ServiceUnavailable503", added.Obj.S("kind"));
        var price = await host.Http.NewPrice(100);
        var session = await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)));
        var r = await host.Http.Post($"v1/checkout/sessions/{session.S("id")}", new Form(("metadata[a]", "b")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status);
        Assert.Equal("true", r.Header("Stripe-Should-Retry"));

        await control.Post("_emulator/faults", new Form(("kind", "500"), ("path", "/v1/*"), ("count", 0)));
        Assert.Equal(HttpStatusCode.InternalServerError, (await host.Http.Get("v1/coupons")).Status);
        var cleared = await Api.Send(control, HttpMethod.Delete, "_emulator/faults");
        Assert.Empty(cleared.Obj["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.Get("v1/coupons")).Status);
    }
}
