using System.Text.Json.Serialization;

namespace Storefront.Web.Stripe;

/// <summary>A <c>checkout.session</c> (<c>cs_…</c>): the fields Storefront reads. Amounts are minor units.</summary>
public sealed record StripeCheckoutSession
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    /// <summary>open | complete | expired.</summary>
    public string? Status { get; init; }

    /// <summary>paid | unpaid | no_payment_required.</summary>
    public string? PaymentStatus { get; init; }

    /// <summary>payment | subscription | setup.</summary>
    public string? Mode { get; init; }

    public string? UiMode { get; init; }

    public string? Currency { get; init; }

    public long? AmountSubtotal { get; init; }

    public long? AmountTotal { get; init; }

    public StripeTotalDetails? TotalDetails { get; init; }

    /// <summary>Present only when retrieved with <c>expand[]=line_items</c>.</summary>
    public StripeList<StripeLineItem>? LineItems { get; init; }

    public IReadOnlyList<StripeSessionDiscount>? Discounts { get; init; }

    public IReadOnlyList<StripeSessionShippingOption>? ShippingOptions { get; init; }

    public StripeShippingCost? ShippingCost { get; init; }

    public string? ClientSecret { get; init; }

    public string? ReturnUrl { get; init; }

    public string? Url { get; init; }

    public long? ExpiresAt { get; init; }

    public long? Created { get; init; }

    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? Customer { get; init; }

    public string? CustomerEmail { get; init; }

    /// <summary>What the customer entered at checkout (filled once the session completes).</summary>
    public StripeCustomerDetails? CustomerDetails { get; init; }

    public string? ClientReferenceId { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public StripeSessionPermissions? Permissions { get; init; }

    public StripeCollectedInformation? CollectedInformation { get; init; }

    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? PaymentIntent { get; init; }

    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? Subscription { get; init; }

    public bool Livemode { get; init; }
}

public sealed record StripeCustomerDetails
{
    public string? Email { get; init; }

    public string? Name { get; init; }
}

public sealed record StripeTotalDetails
{
    public long? AmountDiscount { get; init; }

    public long? AmountShipping { get; init; }

    public long? AmountTax { get; init; }
}

public sealed record StripeSessionDiscount
{
    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? Coupon { get; init; }

    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? PromotionCode { get; init; }
}

public sealed record StripeSessionShippingOption
{
    public long? ShippingAmount { get; init; }

    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? ShippingRate { get; init; }
}

public sealed record StripeShippingCost
{
    public long? AmountSubtotal { get; init; }

    public long? AmountTax { get; init; }

    public long? AmountTotal { get; init; }

    [JsonConverter(typeof(StripeExpandableIdConverter))]
    public string? ShippingRate { get; init; }
}

/// <summary>Who may change what: <c>server_only</c> or <c>client_only</c> per permission (null when unset).</summary>
public sealed record StripeSessionPermissions
{
    public string? UpdateLineItems { get; init; }

    public string? UpdateDiscounts { get; init; }

    public string? UpdateShippingDetails { get; init; }
}

public sealed record StripeCollectedInformation
{
    public StripeShippingDetails? ShippingDetails { get; init; }
}

public sealed record StripeShippingDetails
{
    public string? Name { get; init; }

    public StripeAddress? Address { get; init; }
}

public sealed record StripeAddress
{
    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string? City { get; init; }

    public string? State { get; init; }

    public string? PostalCode { get; init; }

    public string? Country { get; init; }
}
