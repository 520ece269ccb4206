using System.Text.Json.Serialization;

namespace Storefront.Web.Stripe;

/// <summary>A <c>product</c> (<c>prod_…</c>).</summary>
public sealed record StripeProduct
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool Active { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public long? Created { get; init; }

    public bool Livemode { get; init; }
}

/// <summary>A <c>price</c> (<c>price_…</c>).</summary>
public sealed record StripePrice
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    /// <summary>The product id (also read from an expanded product).</summary>
    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? Product { get; init; }

    public string? Currency { get; init; }

    public long? UnitAmount { get; init; }

    /// <summary>one_time | recurring.</summary>
    public string? Type { get; init; }

    public StripeRecurring? Recurring { get; init; }

    public bool Active { get; init; }

    public string? LookupKey { get; init; }

    public string? Nickname { get; init; }

    public string? TaxBehavior { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public long? Created { get; init; }

    public bool Livemode { get; init; }
}

public sealed record StripeRecurring
{
    /// <summary>day | week | month | year.</summary>
    public string? Interval { get; init; }

    public long? IntervalCount { get; init; }
}

/// <summary>A <c>coupon</c>: either <c>amount_off</c> + <c>currency</c> or <c>percent_off</c>.</summary>
public sealed record StripeCoupon
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    public string? Name { get; init; }

    public long? AmountOff { get; init; }

    public string? Currency { get; init; }

    public decimal? PercentOff { get; init; }

    /// <summary>once | repeating | forever.</summary>
    public string? Duration { get; init; }

    public long? DurationInMonths { get; init; }

    public bool? Valid { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public long? Created { get; init; }

    public bool Livemode { get; init; }
}

/// <summary>A <c>tax_rate</c> (<c>txr_…</c>).</summary>
public sealed record StripeTaxRate
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public decimal? Percentage { get; init; }

    public bool Inclusive { get; init; }

    public string? Country { get; init; }

    public string? State { get; init; }

    public string? Jurisdiction { get; init; }

    public string? TaxType { get; init; }

    public bool Active { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public long? Created { get; init; }

    public bool Livemode { get; init; }
}

/// <summary>A <c>shipping_rate</c> (<c>shr_…</c>).</summary>
public sealed record StripeShippingRate
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>fixed_amount.</summary>
    public string? Type { get; init; }

    public StripeFixedAmount? FixedAmount { get; init; }

    public StripeDeliveryEstimate? DeliveryEstimate { get; init; }

    public bool Active { get; init; }

    public string? TaxBehavior { get; init; }

    public string? TaxCode { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public long? Created { get; init; }

    public bool Livemode { get; init; }
}

public sealed record StripeFixedAmount
{
    public long? Amount { get; init; }

    public string? Currency { get; init; }
}

public sealed record StripeDeliveryEstimate
{
    public StripeDeliveryEstimateBound? Minimum { get; init; }

    public StripeDeliveryEstimateBound? Maximum { get; init; }
}

public sealed record StripeDeliveryEstimateBound
{
    /// <summary>hour | day | business_day | week | month.</summary>
    public string? Unit { get; init; }

    public long? Value { get; init; }
}
