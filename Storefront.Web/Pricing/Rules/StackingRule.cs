namespace Storefront.Web.Pricing;

/// <summary>
/// The candidates become one session discount under the <see cref="StackingPolicy"/>; each applied candidate is
/// listed as an adjustment with its reason and amount.
/// </summary>
public sealed class StackingRule : IPricingRule
{
    public int Order => PricingStage.Stacking;

    public void Apply(PricingContext context)
    {
        var applied = new List<DiscountCandidate>(context.Candidates.Count);
        context.Discount = StackingPolicy.Resolve(context.Candidates, context.EligibleSubtotal, applied);
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
}
