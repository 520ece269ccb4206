namespace Storefront.Web.Stripe;

// Products ------------------------------------------------------------------------------------------------------

public sealed record ProductCreateRequest
{
    /// <summary>Optional caller-chosen id.</summary>
    public string? Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public bool? Active { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record ProductUpdateRequest
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>false deactivates the product.</summary>
    public bool? Active { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record ProductListRequest : StripeListRequest
{
    public bool? Active { get; init; }
}

// Prices --------------------------------------------------------------------------------------------------------

public sealed record PriceCreateRequest
{
    public required string Currency { get; init; }

    public string? Product { get; init; }

    public SessionProductDataParams? ProductData { get; init; }

    public required long UnitAmount { get; init; }

    public RecurringParams? Recurring { get; init; }

    public string? LookupKey { get; init; }

    /// <summary>Moves the lookup key from the price that currently holds it.</summary>
    public bool? TransferLookupKey { get; init; }

    public string? Nickname { get; init; }

    public string? TaxBehavior { get; init; }

    public bool? Active { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>Prices are immutable in amount; only these fields change.</summary>
public sealed record PriceUpdateRequest
{
    public bool? Active { get; init; }

    public string? LookupKey { get; init; }

    public bool? TransferLookupKey { get; init; }

    public string? Nickname { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record PriceListRequest : StripeListRequest
{
    public bool? Active { get; init; }

    public string? Product { get; init; }

    public string? Currency { get; init; }

    /// <summary>one_time | recurring.</summary>
    public string? Type { get; init; }

    /// <summary>Encoded <c>lookup_keys[0]=…</c>.</summary>
    public IReadOnlyList<string>? LookupKeys { get; init; }
}

// Coupons -------------------------------------------------------------------------------------------------------

/// <summary>Either <see cref="AmountOff"/> + <see cref="Currency"/> or <see cref="PercentOff"/>.</summary>
public sealed record CouponCreateRequest
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public long? AmountOff { get; init; }

    public string? Currency { get; init; }

    public decimal? PercentOff { get; init; }

    /// <summary>once | repeating | forever.</summary>
    public string? Duration { get; init; }

    public long? DurationInMonths { get; init; }

    public long? MaxRedemptions { get; init; }

    public DateTimeOffset? RedeemBy { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>Stripe coupons have no <c>active</c> flag: only the name and metadata can change.</summary>
public sealed record CouponUpdateRequest
{
    public string? Name { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record CouponListRequest : StripeListRequest;

// Tax rates -----------------------------------------------------------------------------------------------------

public sealed record TaxRateCreateRequest
{
    public required string DisplayName { get; init; }

    public required decimal Percentage { get; init; }

    public required bool Inclusive { get; init; }

    public string? Country { get; init; }

    public string? State { get; init; }

    public string? Jurisdiction { get; init; }

    public string? Description { get; init; }

    /// <summary>vat | sales_tax | gst | ….</summary>
    public string? TaxType { get; init; }

    public bool? Active { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>A tax rate's percentage and inclusivity are immutable; create a new one instead.</summary>
public sealed record TaxRateUpdateRequest
{
    public bool? Active { get; init; }

    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public string? Country { get; init; }

    public string? State { get; init; }

    public string? Jurisdiction { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record TaxRateListRequest : StripeListRequest
{
    public bool? Active { get; init; }

    public bool? Inclusive { get; init; }
}

// Shipping rates ------------------------------------------------------------------------------------------------

public sealed record ShippingRateCreateRequest
{
    public required string DisplayName { get; init; }

    public string Type { get; init; } = "fixed_amount";

    public required FixedAmountParams FixedAmount { get; init; }

    public DeliveryEstimateParams? DeliveryEstimate { get; init; }

    public string? TaxBehavior { get; init; }

    public string? TaxCode { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record ShippingRateUpdateRequest
{
    public bool? Active { get; init; }

    public string? TaxBehavior { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record ShippingRateListRequest : StripeListRequest
{
    public bool? Active { get; init; }

    public string? Currency { get; init; }
}

// Payment intents -----------------------------------------------------------------------------------------------

/// <summary>The amount may change only while the intent is requires_payment_method or requires_confirmation.</summary>
public sealed record PaymentIntentUpdateRequest
{
    public long? Amount { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
