using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Storefront.StripeEmulator;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Conformance;

[Collection(ConformanceCollection.Name)]
public sealed class IdempotencyAndRetryConformanceTests(ConformanceHost host) : IDisposable
{
    private IStripeGateway Stripe => host.Gateway;

    public void Dispose() => host.State.ClearFaults();

    private CheckoutSessionCreateRequest SessionRequest(string price, string reference) => new()
    {
        Mode = "payment",
        ReturnUrl = Support.ReturnUrl,
        ClientReferenceId = reference,
        LineItems = [SessionLineItemParams.AddPrice(price, 1)],
    };

    /// <summary>Sessions carrying <paramref name="reference"/>, read through the client's own transport (no typed list call exists).</summary>
    private async Task<int> SessionsWithReference(string reference)
    {
        var transport = host.BuildProvider().GetRequiredService<StripeHttpTransport>();
        var list = await transport.GetAsync<StripeList<StripeCheckoutSession>>("/v1/checkout/sessions", new StripeListRequest { Limit = 100 }, default);
        return list.Data.Count(s => s.ClientReferenceId == reference);
    }

    [Fact]
    public async Task Same_key_same_params_replays_the_same_session()
    {
        var price = await Stripe.NewPrice(700);
        var reference = Support.Unique("ref");
        var key = StripeRequestOptions.WithIdempotencyKey(Support.Unique("checkout-1-v1"));
        var mark = host.Mark();

        var first = await Stripe.CreateCheckoutSessionAsync(SessionRequest(price, reference), key);
        var second = await Stripe.CreateCheckoutSessionAsync(SessionRequest(price, reference), key);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.ClientSecret, second.ClientSecret);
        Assert.Equal(1, await SessionsWithReference(reference));
        var posts = host.SeenSince(mark).Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, r => Assert.Equal(key.IdempotencyKey, r.IdempotencyKey));
        Assert.Equal([false, true], posts.Select(r => r.Replayed));
        Assert.Equal(posts[0].RequestId, posts[1].RequestId);
    }

    [Fact]
    public async Task Same_key_different_params_is_an_idempotency_error()
    {
        var price = await Stripe.NewPrice(700);
        var key = StripeRequestOptions.WithIdempotencyKey(Support.Unique("checkout-2-v1"));
        await Stripe.CreateCheckoutSessionAsync(SessionRequest(price, "r1"), key);

        var ex = await Support.AssertStripeError(() => Stripe.CreateCheckoutSessionAsync(SessionRequest(price, "r2"), key),
            HttpStatusCode.BadRequest, "idempotency_error", code: null, param: null);
        Assert.Contains(key.IdempotencyKey!, ex.Message);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task Generated_keys_differ_per_call()
    {
        var price = await Stripe.NewPrice(700);
        var mark = host.Mark();
        var a = await Stripe.CreateCheckoutSessionAsync(SessionRequest(price, "g"));
        var b = await Stripe.CreateCheckoutSessionAsync(SessionRequest(price, "g"));
        Assert.NotEqual(a.Id, b.Id);
        var keys = host.SeenSince(mark).Where(r => r.Method == "POST").Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^sf-[0-9a-f]{32}$", k));
        // GETs carry no key.
        var getMark = host.Mark();
        await Stripe.GetCheckoutSessionAsync(a.Id);
        Assert.Null(Assert.Single(host.SeenSince(getMark)).IdempotencyKey);
    }

    [Fact]
    public async Task Two_500s_on_create_then_success_with_one_key_and_one_session()
    {
        var price = await Stripe.NewPrice(700);
        var reference = Support.Unique("ref");
        host.State.AddFault(new FaultRule { Method = "POST", PathPattern = "/v1/checkout/sessions", Kind = FaultKind.ServerError500, Count = 2 });
        var delays = host.RetryDelays.Count;
        var mark = host.Mark();

        var session = await Stripe.CreateCheckoutSessionAsync(SessionRequest(price, reference));

        var attempts = host.SeenSince(mark);
        Assert.Equal([500, 500, 200], attempts.Select(r => r.Status));
        Assert.Single(attempts.Select(r => r.IdempotencyKey).Distinct());
        Assert.StartsWith("sf-", attempts[0].IdempotencyKey);
        Assert.Equal(1, await SessionsWithReference(reference));
        Assert.Equal(reference, session.ClientReferenceId);
        // 0.5 s × 2^(n−1) with the jitter pinned at 75 %: 375 ms, then 750 ms (asked for, not slept).
        Assert.Equal([TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(750)], host.RetryDelays.Skip(delays));
    }

    [Fact]
    public async Task Two_500s_on_update_then_success_with_one_key()
    {
        var price = await Stripe.NewPrice(700);
        var s = await Stripe.NewSession(SessionLineItemParams.AddPrice(price, 1));
        var li = (await Stripe.Expanded(s.Id)).LineItems!.Data[0].Id;
        host.State.AddFault(new FaultRule { Method = "POST", PathPattern = "/v1/checkout/sessions/*", Kind = FaultKind.ServerError500, Count = 2 });
        var mark = host.Mark();

        var updated = await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest { LineItems = [SessionLineItemParams.Change(li, 5)] },
            StripeRequestOptions.WithIdempotencyKey(Support.Unique("upd")));

        Assert.Equal(3500, updated.AmountTotal);
        var attempts = host.SeenSince(mark);
        Assert.Equal([500, 500, 200], attempts.Select(r => r.Status));
        Assert.All(attempts, r => Assert.Equal($"/v1/checkout/sessions/{s.Id}", r.Path));
        Assert.Single(attempts.Select(r => r.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task Three_500s_exhaust_two_retries()
    {
        var price = await Stripe.NewPrice(700);
        var reference = Support.Unique("ref");
        host.State.AddFault(new FaultRule { Method = "POST", PathPattern = "/v1/checkout/sessions", Kind = FaultKind.ServerError500, Count = 3 });
        var mark = host.Mark();

        var ex = await Support.AssertStripeError(() => Stripe.CreateCheckoutSessionAsync(SessionRequest(price, reference)),
            HttpStatusCode.InternalServerError, "api_error", code: null, param: null, message: EmulatorMessages.InjectedServerError);
        Assert.True(ex.IsRetryable);
        var attempts = host.SeenSince(mark);
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(r => r.IdempotencyKey).Distinct());
        Assert.Equal(0, await SessionsWithReference(reference));
        Assert.Empty(host.State.Faults);
    }

    [Fact]
    public async Task A_429_without_should_retry_is_not_retried()
    {
        host.State.AddFault(new FaultRule { Method = "GET", PathPattern = "/v1/products/*", Kind = FaultKind.RateLimited429, Count = 3 });
        var mark = host.Mark();
        var ex = await Support.AssertStripeError(() => Stripe.GetProductAsync("prod_any"), HttpStatusCode.TooManyRequests,
            "invalid_request_error", "rate_limit", param: null);
        Assert.False(ex.IsRetryable);
        Assert.Single(host.SeenSince(mark));
    }

    [Fact]
    public async Task A_429_with_should_retry_true_is_retried()
    {
        var product = await Stripe.CreateProductAsync(new ProductCreateRequest { Name = "Retry me" });
        host.State.AddFault(new FaultRule { Method = "GET", PathPattern = "/v1/products/*", Kind = FaultKind.RateLimited429, Count = 1, ShouldRetry = true });
        var mark = host.Mark();
        Assert.Equal("Retry me", (await Stripe.GetProductAsync(product.Id)).Name);
        Assert.Equal([429, 200], host.SeenSince(mark).Select(r => r.Status));
    }

    [Fact]
    public async Task A_503_with_should_retry_false_is_not_retried()
    {
        host.State.AddFault(new FaultRule { Method = "POST", PathPattern = "/v1/products", Kind = FaultKind.ServiceUnavailable503, Count = 3, ShouldRetry = false });
        var mark = host.Mark();
        var ex = await Support.AssertStripeError(() => Stripe.CreateProductAsync(new ProductCreateRequest { Name = "No" }),
            HttpStatusCode.ServiceUnavailable, "api_error", code: null, param: null);
        Assert.False(ex.IsRetryable);
        Assert.Single(host.SeenSince(mark));
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_with_the_same_key_and_succeeds()
    {
        var price = await Stripe.NewPrice(700);
        var reference = Support.Unique("ref");
        host.State.AddFault(new FaultRule { Method = "POST", PathPattern = "/v1/checkout/sessions", Kind = FaultKind.DropConnection, Count = 1 });
        var mark = host.Mark();

        var session = await Stripe.CreateCheckoutSessionAsync(SessionRequest(price, reference));

        Assert.Equal("open", session.Status);
        var attempts = host.SeenSince(mark);
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[0].Aborted);
        Assert.Equal(200, attempts[1].Status);
        Assert.Single(attempts.Select(r => r.IdempotencyKey).Distinct());
        Assert.Equal(1, await SessionsWithReference(reference));
    }

    [Fact]
    public async Task Dropped_connections_beyond_the_retries_are_a_connection_error()
    {
        host.State.AddFault(new FaultRule { Method = "GET", PathPattern = "/v1/coupons/*", Kind = FaultKind.DropConnection, Count = 3 });
        var mark = host.Mark();
        var ex = await Assert.ThrowsAsync<StripeException>(() => Stripe.GetCouponAsync("any"));
        Assert.True(ex.IsConnectionError);
        Assert.Null(ex.HttpStatus);
        Assert.Equal(3, host.SeenSince(mark).Count);
    }

    [Fact]
    public async Task A_4xx_answer_is_replayed_with_its_original_request_id()
    {
        var key = StripeRequestOptions.WithIdempotencyKey(Support.Unique("bad"));
        var request = new CheckoutSessionCreateRequest { Mode = "payment", ReturnUrl = Support.ReturnUrl, LineItems = [SessionLineItemParams.AddPrice("price_gone", 1)] };
        var first = await Support.AssertStripeError(() => Stripe.CreateCheckoutSessionAsync(request, key),
            HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing", "line_items[0][price]");
        var mark = host.Mark();
        var second = await Support.AssertStripeError(() => Stripe.CreateCheckoutSessionAsync(request, key),
            HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing", "line_items[0][price]");
        Assert.Equal(first.RequestId, second.RequestId);
        Assert.Equal(first.Message, second.Message);
        Assert.True(Assert.Single(host.SeenSince(mark)).Replayed);
    }

    [Fact]
    public async Task A_409_while_the_same_key_is_in_flight_is_retried_and_then_replayed()
    {
        var price = await Stripe.NewPrice(700);
        var reference = Support.Unique("ref");
        // The first request sleeps 400 ms inside its execution window; a second caller with the same key gets 409 and
        // retries (after 300 ms of real time here) until the first has finished, then receives the replay.
        await using var patient = host.BuildProvider(retryDelay: TimeSpan.FromMilliseconds(300));
        var stripe = patient.GetRequiredService<IStripeGateway>();
        host.State.AddFault(new FaultRule { Method = "POST", PathPattern = "/v1/checkout/sessions", Kind = FaultKind.Latency, Latency = TimeSpan.FromMilliseconds(400), Count = 1 });
        var key = StripeRequestOptions.WithIdempotencyKey(Support.Unique("inflight"));
        var mark = host.Mark();

        var slow = stripe.CreateCheckoutSessionAsync(SessionRequest(price, reference), key);
        await Task.Delay(100);
        var fast = await stripe.CreateCheckoutSessionAsync(SessionRequest(price, reference), key);
        var original = await slow;

        Assert.Equal(original.Id, fast.Id);
        Assert.Equal(1, await SessionsWithReference(reference));
        var seen = host.SeenSince(mark).Where(r => r.Method == "POST").ToList();
        Assert.Contains(seen, r => r.Status == 409);
        Assert.Contains(seen, r => r.Status == 200 && r.Replayed);
        Assert.Single(seen, r => r.Status == 200 && !r.Replayed);
    }

    [Fact]
    public async Task A_per_attempt_timeout_is_a_connection_failure_and_is_retried()
    {
        var product = await Stripe.CreateProductAsync(new ProductCreateRequest { Name = "Slow" });
        await using var hasty = host.BuildProvider(timeout: TimeSpan.FromMilliseconds(250));
        host.State.AddFault(new FaultRule { Method = "GET", PathPattern = "/v1/products/*", Kind = FaultKind.Latency, Latency = TimeSpan.FromSeconds(3), Count = 1 });
        var started = System.Diagnostics.Stopwatch.StartNew();

        var fetched = await hasty.GetRequiredService<IStripeGateway>().GetProductAsync(product.Id);

        Assert.Equal("Slow", fetched.Name);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task MaxNetworkRetries_from_configuration_reaches_the_production_policy()
    {
        await using var noRetries = host.BuildProvider(maxNetworkRetries: 0, productionRetryPolicy: true);
        Assert.Equal(0, noRetries.GetRequiredService<StripeRetryPolicy>().MaxNetworkRetries);
        host.State.AddFault(new FaultRule { Method = "GET", PathPattern = "/v1/tax_rates/*", Kind = FaultKind.ServerError500, Count = 2 });
        var mark = host.Mark();
        var ex = await Support.AssertStripeError(() => noRetries.GetRequiredService<IStripeGateway>().GetTaxRateAsync("txr_any"),
            HttpStatusCode.InternalServerError, "api_error", code: null, param: null);
        Assert.True(ex.IsRetryable);
        Assert.Single(host.SeenSince(mark));
    }
}
