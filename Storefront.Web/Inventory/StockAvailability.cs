using Microsoft.EntityFrameworkCore;
using Storefront.Data;

namespace Storefront.Web.Inventory;

/// <summary>Available units = on hand − units held by open checkouts whose hold has not expired.</summary>
public sealed class StockAvailability(StorefrontDbContext db, TimeProvider clock)
{
    /// <summary>Available units per product; products that are not stock-tracked are absent (unlimited).</summary>
    public async Task<IReadOnlyDictionary<int, int>> ForProductsAsync(IReadOnlyCollection<int> productIds, CancellationToken cancellationToken)
    {
        if (productIds.Count == 0)
        {
            return new Dictionary<int, int>();
        }

        var now = clock.GetUtcNow();
        var onHand = await db.StockLevels.AsNoTracking()
            .Where(s => productIds.Contains(s.ProductId))
            .Select(s => new { s.ProductId, s.OnHand })
            .ToListAsync(cancellationToken);
        var held = await db.InventoryHolds.AsNoTracking()
            .Where(h => productIds.Contains(h.ProductId) && h.ExpiresAt > now)
            .GroupBy(h => h.ProductId)
            .Select(g => new { ProductId = g.Key, Quantity = g.Sum(h => h.Quantity) })
            .ToDictionaryAsync(x => x.ProductId, x => x.Quantity, cancellationToken);

        return onHand.ToDictionary(s => s.ProductId, s => Math.Max(0, s.OnHand - held.GetValueOrDefault(s.ProductId)));
    }

    /// <summary>Available units of one product, or null when it is not stock-tracked.</summary>
    public async Task<int?> ForProductAsync(int productId, CancellationToken cancellationToken)
    {
        var all = await ForProductsAsync([productId], cancellationToken);
        return all.TryGetValue(productId, out var available) ? available : null;
    }
}
