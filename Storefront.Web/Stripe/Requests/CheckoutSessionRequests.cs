namespace Storefront.Web.Stripe;

/// <summary><c>POST /v1/checkout/sessions</c>. Properties are encoded in this order; null is omitted.</summary>
public sealed record CheckoutSessionCreateRequest
{
    /// <summary>custom (basil) — renamed elements in later API versions.</summary>
    public string? UiMode { get; init; } = "custom";

    /// <summary>payment | subscription | setup.</summary>
    public required string Mode { get; init; }

    public string? Currency { get; init; }

    public IReadOnlyList<SessionLineItemParams>? LineItems { get; init; }

    /// <summary>At most one discount.</summary>
    public IReadOnlyList<SessionDiscountParams>? Discounts { get; init; }

    /// <summary>At most five options; the first is selected by default.</summary>
    public IReadOnlyList<SessionShippingOptionParams>? ShippingOptions { get; init; }

    public SessionShippingAddressCollectionParams? ShippingAddressCollection { get; init; }

    public SessionPermissionsParams? Permissions { get; init; }

    /// <summary>Must contain <c>{CHECKOUT_SESSION_ID}</c> for the return page to find the session.</summary>
    public string? ReturnUrl { get; init; }

    public string? Customer { get; init; }

    public string? CustomerEmail { get; init; }

    public string? ClientReferenceId { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>30 minutes to 24 hours from now (Stripe's default 24 h).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public IReadOnlyList<string>? Expand { get; init; }
}

/// <summary>
/// <c>POST /v1/checkout/sessions/{id}</c> (server-side update). Null leaves a field alone; an empty list clears it
/// (encoded <c>discounts=</c> / <c>shipping_options=</c>), an empty dictionary clears metadata.
/// </summary>
public sealed record CheckoutSessionUpdateRequest
{
    /// <summary>The whole new array: keep = <see cref="SessionLineItemParams.Keep"/>, change = <see cref="SessionLineItemParams.Change"/>,
    /// add = <see cref="SessionLineItemParams.AddPrice"/> / <see cref="SessionLineItemParams.AddPriceData"/>, remove = omit; order is position.</summary>
    public IReadOnlyList<SessionLineItemParams>? LineItems { get; init; }

    /// <summary><c>[{coupon}]</c> or <c>[{coupon_data}]</c>; empty list clears (private preview, needs the beta header).</summary>
    public IReadOnlyList<SessionDiscountParams>? Discounts { get; init; }

    public IReadOnlyList<SessionShippingOptionParams>? ShippingOptions { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public IReadOnlyList<string>? Expand { get; init; }

    /// <summary>An empty list: encodes as <c>key=</c> and clears the list on Stripe.</summary>
    public static IReadOnlyList<T> Clear<T>() => [];
}

/// <summary>One entry of <c>line_items</c>. Use the factories: they encode Stripe's id rules.</summary>
public sealed record SessionLineItemParams
{
    /// <summary>An existing <c>li_…</c> id (keep or change); null adds a new item.</summary>
    public string? Id { get; init; }

    public string? Price { get; init; }

    public SessionPriceDataParams? PriceData { get; init; }

    public long? Quantity { get; init; }

    public IReadOnlyList<string>? TaxRates { get; init; }

    public static SessionLineItemParams Keep(string lineItemId) => new() { Id = Required(lineItemId) };

    public static SessionLineItemParams Change(string lineItemId, long quantity) => new() { Id = Required(lineItemId), Quantity = quantity };

    public static SessionLineItemParams AddPrice(string priceId, long quantity, IReadOnlyList<string>? taxRates = null) =>
        new() { Price = Required(priceId), Quantity = quantity, TaxRates = taxRates };

    public static SessionLineItemParams AddPriceData(SessionPriceDataParams priceData, long quantity, IReadOnlyList<string>? taxRates = null) =>
        new() { PriceData = priceData, Quantity = quantity, TaxRates = taxRates };

    private static string Required(string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("An id is required.", nameof(value)) : value;
}

/// <summary><c>price_data</c>: an ad-hoc price for an existing product or inline <c>product_data</c>.</summary>
public sealed record SessionPriceDataParams
{
    public required string Currency { get; init; }

    public string? Product { get; init; }

    public SessionProductDataParams? ProductData { get; init; }

    public required long UnitAmount { get; init; }

    public RecurringParams? Recurring { get; init; }

    /// <summary>exclusive | inclusive | unspecified.</summary>
    public string? TaxBehavior { get; init; }
}

public sealed record SessionProductDataParams
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

/// <summary>One of <c>coupon</c>, <c>promotion_code</c> or <c>coupon_data</c> (update only, preview).</summary>
public sealed record SessionDiscountParams
{
    public string? Coupon { get; init; }

    public string? PromotionCode { get; init; }

    public SessionCouponDataParams? CouponData { get; init; }

    public static SessionDiscountParams ForCoupon(string couponId) => new() { Coupon = couponId };

    public static SessionDiscountParams AmountOff(string name, long amountOff, string currency) =>
        new() { CouponData = new SessionCouponDataParams { Name = name, AmountOff = amountOff, Currency = currency } };

    public static SessionDiscountParams PercentOff(string name, decimal percentOff) =>
        new() { CouponData = new SessionCouponDataParams { Name = name, PercentOff = percentOff } };
}

public sealed record SessionCouponDataParams
{
    public string? Name { get; init; }

    public long? AmountOff { get; init; }

    public string? Currency { get; init; }

    public decimal? PercentOff { get; init; }
}

/// <summary>One of <c>shipping_rate</c> or <c>shipping_rate_data</c>.</summary>
public sealed record SessionShippingOptionParams
{
    public string? ShippingRate { get; init; }

    public ShippingRateDataParams? ShippingRateData { get; init; }
}

public sealed record ShippingRateDataParams
{
    public required string DisplayName { get; init; }

    public string Type { get; init; } = "fixed_amount";

    public required FixedAmountParams FixedAmount { get; init; }

    public DeliveryEstimateParams? DeliveryEstimate { get; init; }

    public string? TaxBehavior { get; init; }

    public string? TaxCode { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

public sealed record SessionShippingAddressCollectionParams
{
    /// <summary>ISO 3166-1 alpha-2 codes.</summary>
    public required IReadOnlyList<string> AllowedCountries { get; init; }
}

/// <summary><c>permissions[...]=server_only</c>: the browser may not change these itself.</summary>
public sealed record SessionPermissionsParams
{
    public const string ServerOnly = "server_only";
    public const string ClientOnly = "client_only";

    public string? UpdateLineItems { get; init; }

    public string? UpdateDiscounts { get; init; }

    public string? UpdateShippingDetails { get; init; }

    public static SessionPermissionsParams AllServerOnly { get; } = new()
    {
        UpdateLineItems = ServerOnly,
        UpdateDiscounts = ServerOnly,
        UpdateShippingDetails = ServerOnly,
    };
}
