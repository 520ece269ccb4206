namespace Storefront.Web.Pricing;

/// <summary>
/// The candidates become one session discount under the <see cref="StackingPolicy"/>; each applied candidate is
/// listed as an adjustment with its reason and amount. An accepted code that the policy leaves out is reported as
/// outranked, so the shopper is told why it changed nothing.
/// </summary>
public sealed class StackingRule : IPricingRule
{
    public int Order => PricingStage.Stacking;

    public void Apply(PricingContext context)
    {
        var applied = new List<DiscountCandidate>(context.Candidates.Count);
        context.Discount = StackingPolicy.Resolve(context.Candidates, context.EligibleSubtotal, applied);
        if (context.PromoCode is { Status: PromoCodeStatus.Accepted, Code: { } code } && !Contains(applied, AdjustmentReason.PromoCode))
        {
            context.PromoCode = PromoCodeVerdict.Outranked(code);
        }

        if (context.Discount == 0)
        {
            context.DiscountName = null;
            return;
        }

        context.DiscountName = StackingPolicy.ComposeName(applied);
        foreach (var candidate in applied)
        {
            context.Adjustments.Add(new Adjustment(candidate.Reason, candidate.Name, candidate.Amount, candidate.SourceId));
        }
    }

    private static bool Contains(List<DiscountCandidate> applied, AdjustmentReason reason)
    {
        foreach (var candidate in applied)
        {
            if (candidate.Reason == reason)
            {
                return true;
            }
        }

        return false;
    }
}
