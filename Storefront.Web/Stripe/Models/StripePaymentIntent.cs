using System.Text.Json.Serialization;

namespace Storefront.Web.Stripe;

/// <summary>A <c>payment_intent</c> (<c>pi_…</c>).</summary>
public sealed record StripePaymentIntent
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    public long? Amount { get; init; }

    public long? AmountReceived { get; init; }

    public string? Currency { get; init; }

    /// <summary>requires_payment_method | requires_confirmation | requires_action | processing | succeeded | canceled | ….</summary>
    public string? Status { get; init; }

    public string? ClientSecret { get; init; }

    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? Customer { get; init; }

    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? LatestCharge { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public long? Created { get; init; }

    public bool Livemode { get; init; }
}
