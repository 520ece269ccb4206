using System.Net;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Unit.Stripe;

public sealed class StripeHttpTransportTests
{
    private const string ErrorJson = """
        {"error":{"type":"invalid_request_error","code":"resource_missing","param":"id",
        "message":"No such checkout.session: 'cs_test_nope'","doc_url":"https://stripe.com/docs/error-codes/resource-missing"}}
        """;

    private static readonly CheckoutSessionUpdateRequest Update = new() { Metadata = new Dictionary<string, string> { ["v"] = "2" } };

    [Fact]
    public async Task ServerErrorThenSuccess_RetriesOnce_WithTheSameIdempotencyKey()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(HttpStatusCode.InternalServerError).RespondOk();

        var session = await client.Gateway.UpdateCheckoutSessionAsync("cs_test_1", Update);

        Assert.Equal("cs_test_1", session.Id);
        Assert.Equal(2, client.Handler.Requests.Count);
        var key = client.Handler.Requests[0].Header("Idempotency-Key");
        Assert.StartsWith("sf-", key);
        Assert.Equal(key, client.Handler.Requests[1].Header("Idempotency-Key"));
        Assert.Equal(client.Handler.Requests[0].Body, client.Handler.Requests[1].Body);
        Assert.Single(client.Delays);
    }

    [Fact]
    public async Task ThreeServerErrors_GiveUpAfterOnePlusTwoAttempts_WithATypedException()
    {
        var client = new StripeTestClient();
        client.Handler
            .Respond(HttpStatusCode.InternalServerError)
            .Respond(HttpStatusCode.BadGateway)
            .Respond(HttpStatusCode.InternalServerError, """{"error":{"type":"api_error","message":"Boom"}}""", ("Request-Id", "req_last"));

        var ex = await Assert.ThrowsAsync<StripeException>(() => client.Gateway.UpdateCheckoutSessionAsync("cs_test_1", Update));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.HttpStatus);
        Assert.Equal("api_error", ex.Type);
        Assert.Equal("Boom", ex.Message);
        Assert.Equal("req_last", ex.RequestId);
        Assert.True(ex.IsRetryable);
        Assert.Equal(3, client.Handler.Requests.Count);
        Assert.Single(client.Handler.Requests.Select(r => r.Header("Idempotency-Key")).Distinct());
        Assert.Equal(2, client.Delays.Count);
    }

    [Fact]
    public async Task MaxNetworkRetriesZero_MakesExactlyOneAttempt()
    {
        var client = new StripeTestClient(new StripeOptions { ApiBase = "https://stripe.test", MaxNetworkRetries = 0 });
        client.Handler.Respond(HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<StripeException>(() => client.Gateway.GetCheckoutSessionAsync("cs_test_1"));

        Assert.Single(client.Handler.Requests);
    }

    [Fact]
    public async Task BadRequest_IsNotRetried()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(HttpStatusCode.BadRequest, """{"error":{"type":"invalid_request_error","message":"Received unknown parameter: foo","param":"foo"}}""");

        var ex = await Assert.ThrowsAsync<StripeException>(() => client.Gateway.UpdateCheckoutSessionAsync("cs_test_1", Update));

        Assert.Single(client.Handler.Requests);
        Assert.False(ex.IsRetryable);
        Assert.Equal("foo", ex.Param);
        Assert.Empty(client.Delays);
    }

    [Fact]
    public async Task Conflict_IsRetried()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(HttpStatusCode.Conflict, """{"error":{"type":"idempotency_error","message":"in progress"}}""").RespondOk();

        await client.Gateway.UpdateCheckoutSessionAsync("cs_test_1", Update);

        Assert.Equal(2, client.Handler.Requests.Count);
    }

    [Fact]
    public async Task TooManyRequests_WithoutShouldRetryHeader_IsNotRetried()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(HttpStatusCode.TooManyRequests, """{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}""");

        var ex = await Assert.ThrowsAsync<StripeException>(() => client.Gateway.GetCheckoutSessionAsync("cs_test_1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.HttpStatus);
        Assert.Equal("rate_limit", ex.Code);
        Assert.Single(client.Handler.Requests);
    }

    [Fact]
    public async Task TooManyRequests_WithShouldRetryTrue_IsRetried()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(HttpStatusCode.TooManyRequests, "{}", ("Stripe-Should-Retry", "true")).RespondOk();

        await client.Gateway.GetCheckoutSessionAsync("cs_test_1");

        Assert.Equal(2, client.Handler.Requests.Count);
    }

    [Fact]
    public async Task ServerError_WithShouldRetryFalse_IsNotRetried()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(HttpStatusCode.InternalServerError, """{"error":{"type":"api_error","message":"replayed"}}""", ("Stripe-Should-Retry", "false"));

        var ex = await Assert.ThrowsAsync<StripeException>(() => client.Gateway.UpdateCheckoutSessionAsync("cs_test_1", Update));

        Assert.Single(client.Handler.Requests);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task BadRequest_WithShouldRetryTrue_IsRetried()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(HttpStatusCode.BadRequest, "{}", ("Stripe-Should-Retry", "true")).RespondOk();

        await client.Gateway.ExpireCheckoutSessionAsync("cs_test_1");

        Assert.Equal(2, client.Handler.Requests.Count);
    }

    [Fact]
    public async Task ConnectionError_IsRetried_WithTheSameIdempotencyKey()
    {
        var client = new StripeTestClient();
        client.Handler.Throw(new HttpRequestException("Connection refused")).RespondOk();

        await client.Gateway.UpdateCheckoutSessionAsync("cs_test_1", Update, StripeRequestOptions.WithIdempotencyKey("chk_7-v3"));

        Assert.Equal(2, client.Handler.Requests.Count);
        Assert.All(client.Handler.Requests, r => Assert.Equal("chk_7-v3", r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task ConnectionErrors_ExhaustRetries_WithAConnectionException()
    {
        var client = new StripeTestClient();
        client.Handler
            .Throw(new HttpRequestException("reset"))
            .Throw(new HttpRequestException("reset"))
            .Throw(new HttpRequestException("reset"));

        var ex = await Assert.ThrowsAsync<StripeException>(() => client.Gateway.GetCheckoutSessionAsync("cs_test_1"));

        Assert.True(ex.IsConnectionError);
        Assert.Null(ex.HttpStatus);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(3, client.Handler.Requests.Count);
    }

    [Fact]
    public async Task AttemptTimeout_IsRetriedLikeAConnectionError()
    {
        var client = new StripeTestClient(new StripeOptions { ApiBase = "https://stripe.test", Timeout = TimeSpan.FromMilliseconds(50) });
        client.Handler
            .Run(async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                throw new InvalidOperationException("unreachable");
            })
            .RespondOk();

        var session = await client.Gateway.GetCheckoutSessionAsync("cs_test_1");

        Assert.Equal("cs_test_1", session.Id);
        Assert.Equal(2, client.Handler.Requests.Count);
    }

    [Fact]
    public async Task CallerCancellation_IsNotRetried()
    {
        var client = new StripeTestClient();
        using var cts = new CancellationTokenSource();
        client.Handler.Run(async (_, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
            throw new InvalidOperationException("unreachable");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.Gateway.UpdateCheckoutSessionAsync("cs_test_1", Update, cancellationToken: cts.Token));

        Assert.Single(client.Handler.Requests);
        Assert.Empty(client.Delays);
    }

    [Fact]
    public async Task RetryDelays_GrowExponentiallyWithJitter()
    {
        var client = new StripeTestClient(random: () => 0.0);
        client.Handler
            .Respond(HttpStatusCode.InternalServerError)
            .Respond(HttpStatusCode.InternalServerError)
            .RespondOk();

        await client.Gateway.GetCheckoutSessionAsync("cs_test_1");

        Assert.Equal([TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(0.5)], client.Delays);
    }

    [Fact]
    public async Task RetryAfter_IsHonoured()
    {
        var client = new StripeTestClient();
        client.Handler
            .Respond(HttpStatusCode.TooManyRequests, "{}", ("Stripe-Should-Retry", "true"), ("Retry-After", "3"))
            .RespondOk();

        await client.Gateway.GetCheckoutSessionAsync("cs_test_1");

        Assert.Equal([TimeSpan.FromSeconds(3)], client.Delays);
    }

    [Fact]
    public async Task Get_HasNoIdempotencyKey_ButCarriesAuthVersionAndAgent()
    {
        var client = new StripeTestClient();
        client.Handler.RespondOk();

        await client.Gateway.GetCheckoutSessionAsync("cs_test_1", StripeGetRequest.ExpandLineItems);

        var request = Assert.Single(client.Handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://stripe.test/v1/checkout/sessions/cs_test_1?expand[0]=line_items", request.Uri.OriginalString);
        Assert.Null(request.Header("Idempotency-Key"));
        Assert.Null(request.Body);
        Assert.Equal("Bearer sk_test_123", request.Header("Authorization"));
        Assert.Equal("2025-03-31.basil; checkout_server_update_beta=v1", request.Header("Stripe-Version"));
        Assert.Equal("Storefront/1.0", request.Header("User-Agent"));
    }

    [Fact]
    public async Task Post_AlwaysHasAnIdempotencyKey_AndAFormBody()
    {
        var client = new StripeTestClient();
        client.Handler.RespondOk().RespondOk();

        await client.Gateway.ExpireCheckoutSessionAsync("cs_test_1");
        await client.Gateway.UpdateCheckoutSessionAsync("cs_test_1", Update);

        Assert.All(client.Handler.Requests, r => Assert.Matches("^sf-[0-9a-f]{32}$", r.Header("Idempotency-Key")));
        Assert.NotEqual(client.Handler.Requests[0].Header("Idempotency-Key"), client.Handler.Requests[1].Header("Idempotency-Key"));
        Assert.Equal("https://stripe.test/v1/checkout/sessions/cs_test_1/expire", client.Handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("metadata[v]=2", client.Handler.Requests[1].Body);
        Assert.Equal("application/x-www-form-urlencoded", client.Handler.Requests[1].ContentType);
    }

    [Fact]
    public async Task CallerIdempotencyKey_LongerThan255_IsRejectedBeforeSending()
    {
        var client = new StripeTestClient();

        await Assert.ThrowsAsync<ArgumentException>(
            () => client.Gateway.UpdateCheckoutSessionAsync("cs_test_1", Update, StripeRequestOptions.WithIdempotencyKey(new string('k', 256))));

        Assert.Empty(client.Handler.Requests);
    }

    [Fact]
    public async Task ErrorJson_MapsToExceptionFields()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(HttpStatusCode.NotFound, ErrorJson, ("Request-Id", "req_abc123"));

        var ex = await Assert.ThrowsAsync<StripeException>(() => client.Gateway.GetCheckoutSessionAsync("cs_test_nope"));

        Assert.Equal(HttpStatusCode.NotFound, ex.HttpStatus);
        Assert.True(ex.IsNotFound);
        Assert.Equal("invalid_request_error", ex.Type);
        Assert.Equal("resource_missing", ex.Code);
        Assert.Equal("id", ex.Param);
        Assert.Equal("No such checkout.session: 'cs_test_nope'", ex.Message);
        Assert.Equal("https://stripe.com/docs/error-codes/resource-missing", ex.DocUrl);
        Assert.Equal("req_abc123", ex.RequestId);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task CardError_CarriesDeclineCode()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(
            HttpStatusCode.PaymentRequired,
            """{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}""");

        var ex = await Assert.ThrowsAsync<StripeException>(() => client.Gateway.GetPaymentIntentAsync("pi_1"));

        Assert.Equal("card_error", ex.Type);
        Assert.Equal("insufficient_funds", ex.DeclineCode);
    }

    [Fact]
    public async Task NonJsonErrorBody_StillGivesATypedException()
    {
        var client = new StripeTestClient();
        client.Handler.Respond(HttpStatusCode.Forbidden, "<html>nope</html>");

        var ex = await Assert.ThrowsAsync<StripeException>(() => client.Gateway.GetProductAsync("prod_1"));

        Assert.Equal(HttpStatusCode.Forbidden, ex.HttpStatus);
        Assert.Contains("403", ex.Message);
    }

    [Fact]
    public async Task EmulatorMode_UsesTheEmulatorKey()
    {
        var client = new StripeTestClient(new StripeOptions { ApiBase = "http://127.0.0.1:5000/_stripe" });
        client.Handler.RespondOk("""{"object":"list","data":[{"id":"price_1","object":"price","unit_amount":500}],"has_more":false,"url":"/v1/prices"}""");

        var prices = await client.Gateway.ListPricesAsync(new PriceListRequest { LookupKeys = ["k1"], Active = true });

        var request = Assert.Single(client.Handler.Requests);
        Assert.Equal("Bearer " + StripeOptions.DevelopmentEmulatorApiKey, request.Header("Authorization"));
        Assert.Equal("http://127.0.0.1:5000/_stripe/v1/prices?active=true&lookup_keys[0]=k1", request.Uri.OriginalString);
        Assert.Equal(500, Assert.Single(prices.Data).UnitAmount);
        Assert.False(prices.HasMore);
    }

    [Fact]
    public async Task Ids_AreEscapedInThePath_AndBlankIdsRejected()
    {
        var client = new StripeTestClient();
        client.Handler.RespondOk();

        await client.Gateway.GetEventAsync("evt/../x");

        Assert.Equal("https://stripe.test/v1/events/evt%2F..%2Fx", Assert.Single(client.Handler.Requests).Uri.OriginalString);
        await Assert.ThrowsAsync<ArgumentException>(() => client.Gateway.GetPriceAsync(" "));
    }

    [Fact]
    public async Task DeleteCoupon_SendsDeleteWithoutBodyOrIdempotencyKey()
    {
        var client = new StripeTestClient();
        client.Handler.RespondOk("""{"id":"co_1","object":"coupon","deleted":true}""");

        var deleted = await client.Gateway.DeleteCouponAsync("co_1");

        var request = Assert.Single(client.Handler.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("https://stripe.test/v1/coupons/co_1", request.Uri.OriginalString);
        Assert.Null(request.Header("Idempotency-Key"));
        Assert.True(deleted.Deleted);
    }
}
