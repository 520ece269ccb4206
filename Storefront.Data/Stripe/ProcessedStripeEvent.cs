namespace Storefront.Data.Stripe;

/// <summary>
/// A webhook event already handled. Written in the same transaction as its effects (the order), and keyed by
/// the Stripe event id, so a duplicate delivery — even a concurrent one — fails on the primary key instead of
/// fulfilling twice.
/// </summary>
public sealed class ProcessedStripeEvent
{
    private ProcessedStripeEvent()
    {
    }

    public ProcessedStripeEvent(string eventId, string type, DateTimeOffset processedAt)
    {
        EventId = eventId;
        Type = type;
        ProcessedAt = processedAt;
    }

    public string EventId { get; private set; } = "";

    public string Type { get; private set; } = "";

    public DateTimeOffset ProcessedAt { get; private set; }
}
