using System.Security.Cryptography;
using System.Text;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Unit.Stripe;

public sealed class StripeWebhookVerifierTests
{
    private const string Secret = "whsec_test_5f1a2b3c4d";
    private const string Payload = """{"id":"evt_1","object":"event","type":"checkout.session.completed","api_version":"2025-03-31.basil","created":1795000000,"livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"data":{"object":{"id":"cs_test_1","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":2495,"metadata":{"checkout_id":"42"}}}}""";

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_795_000_100);

    private static StripeWebhookVerifier Verifier() => new(new FixedTimeProvider(Now));

    [Fact]
    public void ValidSignature_ReturnsTheParsedEvent()
    {
        var header = StripeWebhookVerifier.ComputeSignatureHeader(Payload, Secret, Now.AddSeconds(-10));

        var stripeEvent = Verifier().ConstructEvent(Payload, header, Secret);

        Assert.Equal("evt_1", stripeEvent.Id);
        Assert.Equal(StripeEventTypes.CheckoutSessionCompleted, stripeEvent.Type);
        var session = stripeEvent.GetCheckoutSession();
        Assert.Equal("cs_test_1", session.Id);
        Assert.Equal("paid", session.PaymentStatus);
        Assert.Equal(2495, session.AmountTotal);
        Assert.Equal("42", session.Metadata!["checkout_id"]);
    }

    [Fact]
    public void Signature_IsLowercaseHexHmacOfTimestampDotBody_KeyedWithTheWholeSecret()
    {
        var header = StripeWebhookVerifier.ComputeSignatureHeader("{}", Secret, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1700000000.{}"))).ToLowerInvariant();
        Assert.Equal("t=1700000000,v1=" + expected, header);
    }

    [Fact]
    public void TamperedBody_IsRejected()
    {
        var header = StripeWebhookVerifier.ComputeSignatureHeader(Payload, Secret, Now);

        var ex = Assert.Throws<StripeSignatureException>(() => Verifier().ConstructEvent(Payload.Replace("2495", "1", StringComparison.Ordinal), header, Secret));

        Assert.Equal(StripeSignatureFailure.NoMatchingSignature, ex.Reason);
    }

    [Fact]
    public void WrongSecret_IsRejected()
    {
        var header = StripeWebhookVerifier.ComputeSignatureHeader(Payload, "whsec_other", Now);

        var ex = Assert.Throws<StripeSignatureException>(() => Verifier().ConstructEvent(Payload, header, Secret));

        Assert.Equal(StripeSignatureFailure.NoMatchingSignature, ex.Reason);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void TimestampBeyondTolerance_InEitherDirection_IsRejected(int offsetSeconds)
    {
        var header = StripeWebhookVerifier.ComputeSignatureHeader(Payload, Secret, Now.AddSeconds(offsetSeconds));

        var ex = Assert.Throws<StripeSignatureException>(() => Verifier().ConstructEvent(Payload, header, Secret));

        Assert.Equal(StripeSignatureFailure.TimestampOutsideTolerance, ex.Reason);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void TimestampAtTheToleranceEdge_IsAccepted(int offsetSeconds)
    {
        var header = StripeWebhookVerifier.ComputeSignatureHeader(Payload, Secret, Now.AddSeconds(offsetSeconds));

        Assert.Equal("evt_1", Verifier().ConstructEvent(Payload, header, Secret).Id);
    }

    [Fact]
    public void SeveralV1_OneMatching_IsAccepted_AndV0IsIgnored()
    {
        var valid = StripeWebhookVerifier.ComputeSignatureHeader(Payload, Secret, Now);
        var t = valid.Split(',')[0];
        var v1 = valid.Split(',')[1];
        var header = $"{t},v0=deadbeef,v1={new string('0', 64)},v1=nothex, {v1}";

        Assert.Equal("evt_1", Verifier().ConstructEvent(Payload, header, Secret).Id);
    }

    [Fact]
    public void OnlyV0_IsRejectedAsMissingV1()
    {
        var v1 = StripeWebhookVerifier.ComputeSignatureHeader(Payload, Secret, Now).Split(",v1=")[1];
        var header = $"t={Now.ToUnixTimeSeconds()},v0={v1}";

        var ex = Assert.Throws<StripeSignatureException>(() => Verifier().ConstructEvent(Payload, header, Secret));

        Assert.Equal(StripeSignatureFailure.NoV1Signature, ex.Reason);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("v1=abc")]
    [InlineData("t=abc,v1=abc")]
    [InlineData("t=1,t=2,v1=abc")]
    [InlineData("t=-5,v1=abc")]
    public void MalformedHeader_IsRejected(string header)
    {
        var ex = Assert.Throws<StripeSignatureException>(() => Verifier().ConstructEvent(Payload, header, Secret));

        Assert.Equal(StripeSignatureFailure.MalformedHeader, ex.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void MissingHeader_IsRejected(string? header)
    {
        var ex = Assert.Throws<StripeSignatureException>(() => Verifier().ConstructEvent(Payload, header, Secret));

        Assert.Equal(StripeSignatureFailure.MissingHeader, ex.Reason);
    }

    [Fact]
    public void SignedButNotAnEvent_IsRejectedAsInvalidPayload()
    {
        const string body = "[1,2,3]";
        var header = StripeWebhookVerifier.ComputeSignatureHeader(body, Secret, Now);

        var ex = Assert.Throws<StripeSignatureException>(() => Verifier().ConstructEvent(body, header, Secret));

        Assert.Equal(StripeSignatureFailure.InvalidPayload, ex.Reason);
    }

    [Fact]
    public void RawBytes_AreVerifiedAsReceived()
    {
        var bytes = Encoding.UTF8.GetBytes(Payload);
        var header = StripeWebhookVerifier.ComputeSignatureHeader(Payload, Secret, Now);

        Assert.Equal("evt_1", Verifier().ConstructEvent(bytes, header, Secret).Id);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
