namespace Storefront.Web.Admin;

/// <summary>
/// Told after every successful admin save, so caches of merchant rules (pricing rules, promotions, tiers,
/// shipping and tax rates, catalog) can be dropped and the change applies to the next quote at once.
/// </summary>
public interface IAdminChangeNotifier
{
    /// <param name="entityType">What changed: "Product", "Price", "StockLevel", "LoyaltyTier", "Promotion", "ShippingRate", "TaxRate".</param>
    ValueTask ChangedAsync(string entityType, CancellationToken cancellationToken);
}

/// <summary>The default until the pricing workstream wires its cache invalidation in.</summary>
public sealed class NoOpAdminChangeNotifier : IAdminChangeNotifier
{
    public ValueTask ChangedAsync(string entityType, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
