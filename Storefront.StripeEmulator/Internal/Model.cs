using System.Security.Cryptography;

namespace Storefront.StripeEmulator.Internal;

internal static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public static string Random(int length = 24) => RandomNumberGenerator.GetString(Alphabet, length);
    public static string New(string prefix) => prefix + Random();
}

internal abstract class Entity
{
    public required string Id { get; init; }
    public long Created { get; init; }
    public long Seq { get; init; }
    public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class Product : Entity
{
    public required string Name { get; set; }
    public bool Active { get; set; } = true;
    public string? Description { get; set; }
    public long Updated { get; set; }
}

internal sealed class Price : Entity
{
    public required string ProductId { get; init; }
    public required string Currency { get; init; }
    public long UnitAmount { get; init; }
    public string? Interval { get; init; }
    public long IntervalCount { get; init; } = 1;
    public bool Active { get; set; } = true;
    public string? LookupKey { get; set; }
    public string? Nickname { get; set; }
    public string? TaxBehavior { get; set; }
    public bool Recurring => Interval is not null;
}

internal sealed class Coupon : Entity
{
    public string? Name { get; set; }
    public long? AmountOff { get; init; }
    public string? Currency { get; init; }
    public decimal? PercentOff { get; init; }
    public string Duration { get; init; } = "once";
    public long? DurationInMonths { get; init; }
    /// <summary>DELETE /v1/coupons/{id}: gone from the API, but sessions that already use it keep their discount.</summary>
    public bool Deleted { get; set; }
}

internal sealed class TaxRate : Entity
{
    public required string DisplayName { get; set; }
    public decimal Percentage { get; init; }
    public bool Inclusive { get; init; }
    public string? Country { get; set; }
    public string? State { get; set; }
    public string? Description { get; set; }
    public string? Jurisdiction { get; set; }
    public string? TaxType { get; set; }
    public bool Active { get; set; } = true;
}

internal sealed record DeliveryEstimateBound(string Unit, long Value);

internal sealed class ShippingRate : Entity
{
    public required string DisplayName { get; init; }
    public long Amount { get; init; }
    public required string Currency { get; init; }
    public DeliveryEstimateBound? Minimum { get; init; }
    public DeliveryEstimateBound? Maximum { get; init; }
    public bool Active { get; set; } = true;
    public string? TaxBehavior { get; set; }
}

internal sealed class LineItem
{
    public required string Id { get; init; }
    public required string PriceId { get; init; }
    public long Quantity { get; set; }
    public List<string> TaxRateIds { get; set; } = [];

    // Computed by Totals.
    public long AmountSubtotal { get; set; }
    public long AmountDiscount { get; set; }
    public long AmountTax { get; set; }
    public long AmountTotal { get; set; }
    public List<LineTax> Taxes { get; set; } = [];
}

internal sealed record LineTax(string TaxRateId, long Amount, long TaxableAmount);

internal sealed record ShippingOption(string ShippingRateId, long Amount);

internal sealed record ShippingDetails(string Name, ShippingAddress Address);

internal sealed class Session : Entity
{
    public required string Mode { get; init; }
    public required string UiMode { get; init; }
    public required string ClientSecret { get; init; }
    public string Status { get; set; } = "open";
    public string PaymentStatus { get; set; } = "unpaid";
    public string? Currency { get; set; }
    public List<LineItem> Lines { get; set; } = [];
    public string? CouponId { get; set; }
    public string? PromotionCode { get; set; }
    public List<ShippingOption> ShippingOptions { get; set; } = [];
    public string? SelectedShippingRateId { get; set; }
    public Dictionary<string, string?> Permissions { get; init; } = new();
    public string? ReturnUrl { get; init; }
    public string? SuccessUrl { get; init; }
    public string? CancelUrl { get; init; }
    public long ExpiresAt { get; init; }
    public string? CustomerEmail { get; init; }
    public string? CollectedEmail { get; set; }
    public string? ClientReferenceId { get; init; }
    public string? PaymentIntentId { get; set; }
    public string? SubscriptionId { get; set; }
    public ShippingDetails? ShippingDetails { get; set; }

    // Computed by Totals.
    public long AmountSubtotal { get; set; }
    public long AmountDiscount { get; set; }
    public long AmountShipping { get; set; }
    public long AmountTaxExclusive { get; set; }
    public long AmountTaxInclusive { get; set; }
    public long AmountTotal { get; set; }
}

internal sealed class PaymentIntent : Entity
{
    public long Amount { get; set; }
    public required string Currency { get; init; }
    public string Status { get; set; } = "requires_payment_method";
    public required string ClientSecret { get; init; }
    public string? Description { get; set; }
    public string? DeclineCode { get; set; }
    public string? ErrorCode { get; set; }
}

internal sealed class StripeEvent : Entity
{
    public required string Type { get; init; }
    public required string ApiVersion { get; init; }
    public required string DataObjectJson { get; init; }
    public string? PreviousAttributesJson { get; init; }
    public int PendingWebhooks { get; set; }
    public string? RequestId { get; init; }
    public string? IdempotencyKey { get; init; }
}
