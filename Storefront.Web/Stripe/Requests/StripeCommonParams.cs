namespace Storefront.Web.Stripe;

/// <summary>Query of a retrieve call; <see cref="ExpandLineItems"/> is the common case for checkout sessions.</summary>
public sealed record StripeGetRequest
{
    public IReadOnlyList<string>? Expand { get; init; }

    public static StripeGetRequest ExpandLineItems { get; } = new() { Expand = ["line_items"] };
}

/// <summary>Cursor pagination shared by every list call: limit 1–100 (Stripe's default 10).</summary>
public record StripeListRequest
{
    public long? Limit { get; init; }

    public string? StartingAfter { get; init; }

    public string? EndingBefore { get; init; }
}

/// <summary><c>recurring</c> of a price or of <c>price_data</c>.</summary>
public sealed record RecurringParams
{
    /// <summary>day | week | month | year.</summary>
    public required string Interval { get; init; }

    public long? IntervalCount { get; init; }
}

/// <summary><c>fixed_amount</c> of a shipping rate.</summary>
public sealed record FixedAmountParams
{
    public required long Amount { get; init; }

    public required string Currency { get; init; }
}

public sealed record DeliveryEstimateParams
{
    public DeliveryEstimateBoundParams? Minimum { get; init; }

    public DeliveryEstimateBoundParams? Maximum { get; init; }
}

public sealed record DeliveryEstimateBoundParams
{
    /// <summary>hour | day | business_day | week | month.</summary>
    public required string Unit { get; init; }

    public required long Value { get; init; }
}
