using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;

namespace Storefront.Web.Pricing;

/// <summary>
/// The priced cart: what the Stripe session must show. <see cref="Totals"/> reproduce Stripe's own arithmetic
/// (amount_subtotal, total_details and amount_total) for the same line items, discount, tax rates and shipping.
/// </summary>
public sealed record Quote(
    string Currency,
    IReadOnlyList<QuoteLine> Lines,
    IReadOnlyList<Adjustment> Adjustments,
    SessionDiscount? Discount,
    bool RequiresShipping,
    IReadOnlyList<ShippingOption> ShippingOptions,
    ShippingOption? SelectedShipping,
    QuoteTotals Totals,
    PromoCodeVerdict PromoCode);

/// <param name="Subtotal">UnitAmount × Quantity.</param>
/// <param name="Discount">This line's share of the session discount.</param>
/// <param name="Tax">Exclusive tax added to the line, or inclusive tax contained in it (see <see cref="TaxRate"/>).</param>
/// <param name="Total">Subtotal − Discount + exclusive tax (Stripe's line amount_total).</param>
public sealed record QuoteLine(
    string Key,
    int ProductId,
    int PriceId,
    string Name,
    ProductKind ProductKind,
    BillingInterval Interval,
    CheckoutLineKind Kind,
    bool TracksStock,
    long UnitAmount,
    int Quantity,
    long Subtotal,
    long Discount,
    long Tax,
    AppliedTaxRate? TaxRate,
    long Total);

public sealed record AppliedTaxRate(int Id, string DisplayName, decimal Percentage, bool Inclusive, string? StripeTaxRateId);

public enum AdjustmentReason
{
    LoyaltyTier,
    CartThreshold,
    TimeWindow,
    Region,
    CustomerSpecific,
    PromoCode,
    Complimentary,
    FreeShipping,
}

/// <summary>
/// One reason the price moved. Discount adjustments add up to <see cref="SessionDiscount.Amount"/>; a FreeShipping
/// adjustment names the amount waived on a rate; a Complimentary adjustment names the gift (amount 0).
/// </summary>
/// <param name="SourceId">The tier, promotion, shipping rate or product id behind the adjustment.</param>
public sealed record Adjustment(AdjustmentReason Reason, string DisplayName, long Amount, int? SourceId);

/// <summary>The one discount the Stripe session holds (coupon_data name and amount_off).</summary>
public sealed record SessionDiscount(long Amount, string Name)
{
    /// <summary>Stripe limits coupon names to 40 characters.</summary>
    public const int MaxNameLength = 40;
}

/// <param name="Amount">What the shopper pays for this option (0 when the free-shipping rule applies).</param>
/// <param name="ListAmount">The rate's own amount before the free-shipping rule.</param>
public sealed record ShippingOption(int RateId, string DisplayName, long Amount, long ListAmount, int DeliveryMinDays, int DeliveryMaxDays)
{
    public bool IsFree => Amount == 0 && ListAmount > 0;
}

/// <summary>Total = Subtotal − Discount + Shipping + TaxExclusive, as Stripe's amount_total.</summary>
public sealed record QuoteTotals(long Subtotal, long Discount, long Shipping, long TaxExclusive, long TaxInclusive, long Total)
{
    /// <summary>Stripe's total_details.amount_tax: exclusive and inclusive tax together.</summary>
    public long Tax => TaxExclusive + TaxInclusive;
}

public enum PromoCodeStatus
{
    /// <summary>The shopper entered no code.</summary>
    None,
    Accepted,
    Unknown,
    Expired,
    NotYetValid,
    Exhausted,
    NotApplicable,

    /// <summary>Valid, but an exclusive offer worth more applies instead (or the others already take everything).</summary>
    Outranked,
}

/// <summary>What became of the code the shopper entered; <see cref="Message"/> is written for the shopper.</summary>
public sealed record PromoCodeVerdict(PromoCodeStatus Status, string? Code, string? Message)
{
    public static PromoCodeVerdict NoCode { get; } = new(PromoCodeStatus.None, null, null);

    public bool IsRejected => Status is not (PromoCodeStatus.None or PromoCodeStatus.Accepted);

    public static PromoCodeVerdict Accepted(string code) => new(PromoCodeStatus.Accepted, code, null);

    public static PromoCodeVerdict Unknown(string code) => new(PromoCodeStatus.Unknown, code, $"Code {code} is not a valid code.");

    public static PromoCodeVerdict Expired(string code) => new(PromoCodeStatus.Expired, code, $"Code {code} has expired.");

    public static PromoCodeVerdict NotYetValid(string code) =>
        new(PromoCodeStatus.NotYetValid, code, $"Code {code} is not valid yet.");

    public static PromoCodeVerdict Exhausted(string code) =>
        new(PromoCodeStatus.Exhausted, code, $"Code {code} has been fully redeemed.");

    public static PromoCodeVerdict NotApplicable(string code, string reason) =>
        new(PromoCodeStatus.NotApplicable, code, $"Code {code} {reason}");

    public static PromoCodeVerdict Outranked(string code) =>
        new(PromoCodeStatus.Outranked, code, $"Code {code} cannot be combined with the better offer your cart already has.");
}
