using System.Text.Json;

namespace Storefront.Web.Stripe;

/// <summary>An <c>event</c> (<c>evt_…</c>); <see cref="StripeEventData.Object"/> stays raw JSON until a consumer reads it.</summary>
public sealed record StripeEvent
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    /// <summary>For example <c>checkout.session.completed</c>; see <see cref="StripeEventTypes"/>.</summary>
    public string? Type { get; init; }

    public string? ApiVersion { get; init; }

    public long? Created { get; init; }

    public StripeEventData? Data { get; init; }

    public bool Livemode { get; init; }

    public long? PendingWebhooks { get; init; }

    public StripeEventRequest? Request { get; init; }

    /// <summary>Reads <c>data.object</c> as <typeparamref name="T"/>.</summary>
    public T GetDataObject<T>()
    {
        if (Data is null || Data.Object.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"Event {Id} has no data.object.");
        }

        return Data.Object.Deserialize<T>(StripeJson.Options)
            ?? throw new JsonException($"Event {Id} data.object is null.");
    }

    /// <summary>Reads <c>data.object</c> as a checkout session; throws when the object is something else.</summary>
    public StripeCheckoutSession GetCheckoutSession()
    {
        var session = GetDataObject<StripeCheckoutSession>();
        if (!string.Equals(session.Object, "checkout.session", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Event {Id} ({Type}) carries a '{session.Object}', not a checkout.session.");
        }

        return session;
    }
}

public sealed record StripeEventData
{
    public JsonElement Object { get; init; }

    public JsonElement? PreviousAttributes { get; init; }
}

public sealed record StripeEventRequest
{
    public string? Id { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>Event types Storefront handles.</summary>
public static class StripeEventTypes
{
    public const string CheckoutSessionCompleted = "checkout.session.completed";
    public const string CheckoutSessionExpired = "checkout.session.expired";
    public const string CheckoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded";
    public const string CheckoutSessionAsyncPaymentFailed = "checkout.session.async_payment_failed";
}
