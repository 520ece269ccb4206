namespace Storefront.Web.Pricing;

/// <summary>
/// A signed-in customer gets the highest loyalty tier their lifetime spend reaches: that tier's percent off the
/// eligible subtotal, at most the tier's cap. Tier discounts stack with other stackable offers.
/// </summary>
public sealed class LoyaltyTierRule : IPricingRule
{
    /// <summary>Tier discounts come first in the composed name.</summary>
    public const int Priority = 0;

    public int Order => PricingStage.LoyaltyTier;

    public void Apply(PricingContext context)
    {
        var customer = context.Request.Customer;
        if (!customer.IsSignedIn || context.EligibleSubtotal <= 0)
        {
            return;
        }

        var tier = TierFor(customer.LifetimeSpend, context.Currency, context.Rules.LoyaltyTiers);
        if (tier is null)
        {
            return;
        }

        var amount = DiscountMath.PercentOff(context.EligibleSubtotal, tier.PercentOff, tier.CapAmount);
        if (amount > 0)
        {
            context.Candidates.Add(new DiscountCandidate(
                AdjustmentReason.LoyaltyTier, tier.DisplayName, amount, Stackable: true, Priority, tier.Id));
        }
    }

    /// <summary>The highest tier (in the cart's currency) whose minimum the lifetime spend reaches.</summary>
    public static TierTerms? TierFor(long lifetimeSpend, string currency, IReadOnlyList<TierTerms> tiers)
    {
        TierTerms? best = null;
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier.MinimumLifetimeSpend <= lifetimeSpend
                && string.Equals(tier.Currency, currency, StringComparison.OrdinalIgnoreCase)
                && (best is null || tier.MinimumLifetimeSpend > best.MinimumLifetimeSpend))
            {
                best = tier;
            }
        }

        return best;
    }
}
