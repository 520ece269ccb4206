using Storefront.Web.Admin;

namespace Storefront.Web.Checkout;

/// <summary>An admin edit drops the cached pricing rules, so the next quote (and every open checkout's next update) uses it.</summary>
public sealed class PricingRulesInvalidator(PricingRulesSource rules) : IAdminChangeNotifier
{
    public ValueTask ChangedAsync(string entityType, CancellationToken cancellationToken)
    {
        rules.Invalidate();
        return ValueTask.CompletedTask;
    }
}
