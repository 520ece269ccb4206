using System.Net;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Unit.Stripe;

public sealed class StripeTransportLoggingTests
{
    [Fact]
    public async Task EachAttempt_IsLoggedWithStructuredFields_WithoutSecretOrBody()
    {
        var logger = new CapturingLogger<StripeHttpTransport>();
        var client = new StripeTestClient(logger: logger);
        client.Handler
            .Respond(HttpStatusCode.InternalServerError, "{}", ("Request-Id", "req_first"))
            .Respond(HttpStatusCode.OK, """{"id":"cs_test_1","object":"checkout.session"}""", ("Request-Id", "req_second"));

        await client.Gateway.UpdateCheckoutSessionAsync(
            "cs_test_1",
            new CheckoutSessionUpdateRequest { Metadata = new Dictionary<string, string> { ["secret_note"] = "do-not-log" } },
            StripeRequestOptions.WithIdempotencyKey("chk_1-v2"));

        var responses = logger.Entries.Where(e => e.EventId.Id == 4100).ToList();
        Assert.Equal(2, responses.Count);
        var last = responses[1].State.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("POST", last["Method"]);
        Assert.Equal("/v1/checkout/sessions/cs_test_1", last["Path"]);
        Assert.Equal(200, last["Status"]);
        Assert.Equal(2, last["Attempt"]);
        Assert.IsType<long>(last["DurationMs"]);
        Assert.Equal("req_second", last["RequestId"]);
        Assert.Equal("chk_1-v2", last["IdempotencyKey"]);
        Assert.Contains(logger.Entries, e => e.EventId.Id == 4102);

        Assert.All(logger.Entries, e =>
        {
            Assert.DoesNotContain("sk_test_123", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("do-not-log", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(e.State, kv => kv.Value?.ToString()?.Contains("sk_test_123", StringComparison.Ordinal) == true);
        });
    }
}
