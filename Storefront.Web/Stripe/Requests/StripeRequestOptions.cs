namespace Storefront.Web.Stripe;

/// <summary>Per-call options. Without an idempotency key every POST gets a generated <c>sf-&lt;guid&gt;</c>.</summary>
public sealed record StripeRequestOptions
{
    /// <summary>Sent as Idempotency-Key on POST (≤ 255 characters); the same key is sent on every retry.</summary>
    public string? IdempotencyKey { get; init; }

    public static StripeRequestOptions WithIdempotencyKey(string key) => new() { IdempotencyKey = key };
}
