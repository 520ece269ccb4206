namespace Storefront.Data.Audit;

/// <summary>One recorded change: a checkout update by a shopper or an admin edit. Before/After are JSON snapshots.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(DateTimeOffset occurredAt, string actor, string action, string entityType, string entityId)
    {
        OccurredAt = occurredAt;
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Outcome = "success";
    }

    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>User name, "visitor:{id}" or "stripe" for webhooks.</summary>
    public string Actor { get; private set; } = "";

    public string Action { get; private set; } = "";

    public string EntityType { get; private set; } = "";

    public string EntityId { get; private set; } = "";

    public Guid? CheckoutId { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    /// <summary>"success" or a short failure reason.</summary>
    public string Outcome { get; private set; } = "";

    public int DurationMs { get; private set; }

    public AuditEntry ForCheckout(Guid checkoutId)
    {
        CheckoutId = checkoutId;
        return this;
    }

    public AuditEntry WithChange(string? before, string? after)
    {
        Before = before;
        After = after;
        return this;
    }

    public AuditEntry WithOutcome(string outcome, TimeSpan duration)
    {
        Outcome = outcome;
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds);
        return this;
    }
}
