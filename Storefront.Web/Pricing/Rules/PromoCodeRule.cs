using Storefront.Data.Promotions;
using Storefront.Web.Money;

namespace Storefront.Web.Pricing;

/// <summary>
/// A code the shopper enters applies when it names a live code promotion that is not used up and whose conditions
/// the cart meets; otherwise the quote carries a verdict saying exactly why not ("Code SUMMER25 has expired.").
/// </summary>
public sealed class PromoCodeRule : IPricingRule
{
    public int Order => PricingStage.PromoCode;

    public void Apply(PricingContext context)
    {
        var entered = context.Request.PromotionCode;
        if (string.IsNullOrWhiteSpace(entered))
        {
            context.PromoCode = PromoCodeVerdict.NoCode;
            return;
        }

        var code = entered.Trim().ToUpperInvariant();
        var promotion = Find(code, context.Rules.Promotions);
        if (promotion is null)
        {
            context.PromoCode = PromoCodeVerdict.Unknown(code);
            return;
        }

        context.PromoCode = Verdict(code, promotion, context);
        if (context.PromoCode.Status == PromoCodeStatus.Accepted)
        {
            PromotionRule.AddCandidate(promotion, AdjustmentReason.PromoCode, context);
        }
    }

    private static PromotionTerms? Find(string code, IReadOnlyList<PromotionTerms> promotions)
    {
        for (var i = 0; i < promotions.Count; i++)
        {
            var promotion = promotions[i];
            if (promotion.Kind == PromotionKind.Code && string.Equals(promotion.Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return promotion;
            }
        }

        return null;
    }

    private static PromoCodeVerdict Verdict(string code, PromotionTerms promotion, PricingContext context)
    {
        switch (PromotionConditions.Check(promotion, context))
        {
            case PromotionMiss.NotYetValid:
                return PromoCodeVerdict.NotYetValid(code);
            case PromotionMiss.Expired:
                return PromoCodeVerdict.Expired(code);
            case PromotionMiss.Exhausted:
                return PromoCodeVerdict.Exhausted(code);
            case PromotionMiss.OtherCurrency:
                return PromoCodeVerdict.NotApplicable(code, $"cannot be used for orders in {context.Currency.ToUpperInvariant()}.");
            case PromotionMiss.BelowThreshold:
                return PromoCodeVerdict.NotApplicable(code,
                    $"needs a subtotal of at least {MoneyFormatter.Format(promotion.ThresholdAmount ?? 0, context.Currency)}.");
            case PromotionMiss.OtherRegion:
                return PromoCodeVerdict.NotApplicable(code, promotion.State is null
                    ? $"is only valid for delivery to {promotion.Country}."
                    : $"is only valid for delivery to {promotion.State}, {promotion.Country}.");
            case PromotionMiss.OtherCustomer:
                return PromoCodeVerdict.NotApplicable(code, "is not valid for your account.");
        }

        return PromotionConditions.AmountFor(promotion, context.EligibleSubtotal) > 0
            ? PromoCodeVerdict.Accepted(code)
            : PromoCodeVerdict.NotApplicable(code, "does not apply to anything in your cart.");
    }
}
