namespace Storefront.StripeEmulator;

/// <summary>How a simulated payment ends.</summary>
public enum PaymentOutcome
{
    /// <summary>Session complete, payment_status paid (or no_payment_required for a zero total).</summary>
    Succeeded,
    /// <summary>The card is declined: the session stays open, a 402 card_error is reported, no event.</summary>
    Failed,
    /// <summary>Delayed payment method: session complete but unpaid; settle later with <c>SettleAsyncPayment</c>.</summary>
    Processing,
}

/// <summary>Result of <see cref="StripeEmulatorState.CompleteCheckoutSession"/>.</summary>
/// <param name="Succeeded">False when the payment was declined (the session stays open).</param>
/// <param name="SessionJson">The session as the API would return it, after the attempt.</param>
/// <param name="ErrorCode">Stripe error code on failure (card_declined, expired_card…).</param>
/// <param name="DeclineCode">Stripe decline code on failure (generic_decline, insufficient_funds…).</param>
/// <param name="ErrorMessage">Human message on failure.</param>
public sealed record CheckoutCompletion(bool Succeeded, string SessionJson, string? ErrorCode, string? DeclineCode, string? ErrorMessage);

/// <summary>A postal address as Stripe renders it.</summary>
public sealed record ShippingAddress(string? Line1, string? Line2, string? City, string? State, string? PostalCode, string? Country);

/// <summary>One HTTP attempt to deliver one event to one endpoint.</summary>
public sealed record WebhookDeliveryAttempt(
    string EventId, string EventType, string EndpointUrl, int Attempt, int? StatusCode, string? Error, DateTimeOffset At, bool Succeeded);

/// <summary>What an injected fault does.</summary>
public enum FaultKind
{
    /// <summary>500 api_error.</summary>
    ServerError500,
    /// <summary>503 api_error.</summary>
    ServiceUnavailable503,
    /// <summary>429 rate_limit.</summary>
    RateLimited429,
    /// <summary>Abort the connection without a response.</summary>
    DropConnection,
    /// <summary>Wait <see cref="FaultRule.Latency"/> and then process the request normally.</summary>
    Latency,
}

/// <summary>
/// Makes the next <see cref="Count"/> requests matching <see cref="Method"/> (null = any) and <see cref="PathPattern"/>
/// fail. The pattern is matched against the Stripe path (without the mount prefix, e.g. <c>/v1/checkout/sessions/*</c>);
/// <c>*</c> matches any characters including '/'. Count &lt;= 0 means "every matching request until cleared".
/// </summary>
public sealed class FaultRule
{
    public string Id { get; init; } = "fault_" + Internal.Ids.Random(12);
    public string? Method { get; init; }
    public string PathPattern { get; init; } = "*";
    public FaultKind Kind { get; init; }
    public int Count { get; init; } = 1;
    /// <summary>Value of the <c>Stripe-Should-Retry</c> header on error responses; null = no header.</summary>
    public bool? ShouldRetry { get; init; }
    public TimeSpan Latency { get; init; }
    public int Remaining { get; internal set; }
    public int Hits { get; internal set; }
}
