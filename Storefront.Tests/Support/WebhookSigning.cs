using Stripe;

namespace Storefront.Tests.Support;

/// <summary>Signs test payloads the way Stripe does, through Stripe.net's own helper.</summary>
public static class WebhookSigning
{
    public static string Header(string payload, string secret, DateTimeOffset at) =>
        EventUtility.GenerateSignatureHeader(payload, secret, at.ToUnixTimeSeconds());
}
