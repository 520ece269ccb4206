namespace Storefront.Web.Stripe;

/// <summary>A checkout line item (<c>object: "item"</c>, <c>li_…</c>).</summary>
public sealed record StripeLineItem
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    /// <summary>The product name at the time the item was created.</summary>
    public string? Description { get; init; }

    public long? Quantity { get; init; }

    public string? Currency { get; init; }

    public long? AmountSubtotal { get; init; }

    public long? AmountDiscount { get; init; }

    public long? AmountTax { get; init; }

    public long? AmountTotal { get; init; }

    /// <summary>The full price object (always expanded on items).</summary>
    public StripePrice? Price { get; init; }

    public IReadOnlyList<StripeLineItemTax>? Taxes { get; init; }
}

public sealed record StripeLineItemTax
{
    public long? Amount { get; init; }

    public StripeTaxRate? Rate { get; init; }

    public string? TaxabilityReason { get; init; }

    public long? TaxableAmount { get; init; }
}
