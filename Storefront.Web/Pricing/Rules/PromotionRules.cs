using Storefront.Data.Promotions;

namespace Storefront.Web.Pricing;

/// <summary>
/// What every promotion kind shares: it must be live now, in the cart's currency, not exhausted, and meet any
/// threshold, region or customer condition it carries. Amounts are taken off the eligible subtotal.
/// </summary>
public abstract class PromotionRule(PromotionKind kind, AdjustmentReason reason) : IPricingRule
{
    public abstract int Order { get; }

    public void Apply(PricingContext context)
    {
        if (context.EligibleSubtotal <= 0)
        {
            return;
        }

        var promotions = context.Rules.Promotions;
        for (var i = 0; i < promotions.Count; i++)
        {
            var promotion = promotions[i];
            if (promotion.Kind == kind && Qualifies(promotion, context) && PromotionConditions.Check(promotion, context) == PromotionMiss.None)
            {
                AddCandidate(promotion, reason, context);
            }
        }
    }

    /// <summary>A kind's own condition, on top of the shared ones.</summary>
    protected virtual bool Qualifies(PromotionTerms promotion, PricingContext context) => true;

    internal static void AddCandidate(PromotionTerms promotion, AdjustmentReason reason, PricingContext context)
    {
        var amount = PromotionConditions.AmountFor(promotion, context.EligibleSubtotal);
        if (amount > 0)
        {
            context.Candidates.Add(new DiscountCandidate(
                reason, promotion.Name, amount, promotion.Stackable, promotion.Priority, promotion.Id));
        }
    }
}

/// <summary>A cart whose subtotal reaches a promotion's threshold gets it ("Spend 100, save 10 %").</summary>
public sealed class CartThresholdRule() : PromotionRule(PromotionKind.CartThreshold, AdjustmentReason.CartThreshold)
{
    public override int Order => PricingStage.CartThreshold;
}

/// <summary>Every cart gets a time-window offer while its window [StartsAt, EndsAt) is open.</summary>
public sealed class TimeWindowRule() : PromotionRule(PromotionKind.TimeWindow, AdjustmentReason.TimeWindow)
{
    public override int Order => PricingStage.TimeWindow;
}

/// <summary>A cart shipped to the offer's country (and state, when it names one) gets a region offer.</summary>
public sealed class RegionRule() : PromotionRule(PromotionKind.Region, AdjustmentReason.Region)
{
    public override int Order => PricingStage.Region;

    protected override bool Qualifies(PromotionTerms promotion, PricingContext context) => promotion.Country is not null;
}

/// <summary>The one signed-in customer an offer is made for gets it; nobody else does.</summary>
public sealed class CustomerSpecificRule() : PromotionRule(PromotionKind.CustomerSpecific, AdjustmentReason.CustomerSpecific)
{
    public override int Order => PricingStage.CustomerSpecific;

    protected override bool Qualifies(PromotionTerms promotion, PricingContext context) => promotion.CustomerUserId is not null;
}

/// <summary>Why a promotion does not apply to a cart, in the order the conditions are checked.</summary>
public enum PromotionMiss
{
    None,
    NotYetValid,
    Expired,
    Exhausted,
    OtherCurrency,
    BelowThreshold,
    OtherRegion,
    OtherCustomer,
}

public static class PromotionConditions
{
    public static PromotionMiss Check(PromotionTerms promotion, PricingContext context)
    {
        var now = context.Request.Now;
        if (promotion.StartsAt is { } starts && now < starts)
        {
            return PromotionMiss.NotYetValid;
        }

        if (promotion.EndsAt is { } ends && now >= ends)
        {
            return PromotionMiss.Expired;
        }

        if (promotion.IsExhausted)
        {
            return PromotionMiss.Exhausted;
        }

        if (promotion.DiscountType == DiscountType.Amount || promotion.CapAmount is not null || promotion.ThresholdAmount is not null)
        {
            // Money amounts only make sense in the currency they were set in.
            if (!string.Equals(promotion.Currency, context.Currency, StringComparison.OrdinalIgnoreCase))
            {
                return PromotionMiss.OtherCurrency;
            }
        }

        if (promotion.ThresholdAmount is { } threshold && context.EligibleSubtotal < threshold)
        {
            return PromotionMiss.BelowThreshold;
        }

        if (promotion.Country is not null)
        {
            var address = context.Request.ShippingAddress;
            if (address is null
                || !string.Equals(address.Country, promotion.Country, StringComparison.OrdinalIgnoreCase)
                || (promotion.State is not null && !string.Equals(address.State, promotion.State, StringComparison.OrdinalIgnoreCase)))
            {
                return PromotionMiss.OtherRegion;
            }
        }

        if (promotion.CustomerUserId is not null
            && !string.Equals(promotion.CustomerUserId, context.Request.Customer.UserId, StringComparison.Ordinal))
        {
            return PromotionMiss.OtherCustomer;
        }

        return PromotionMiss.None;
    }

    /// <summary>Percent: rounded, then capped. Amount off: min(amount, eligible subtotal), then capped.</summary>
    public static long AmountFor(PromotionTerms promotion, long eligibleSubtotal) =>
        promotion.DiscountType == DiscountType.Percent
            ? DiscountMath.PercentOff(eligibleSubtotal, promotion.PercentOff, promotion.CapAmount)
            : DiscountMath.AmountOff(eligibleSubtotal, promotion.AmountOff, promotion.CapAmount);
}
