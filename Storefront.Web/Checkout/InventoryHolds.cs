using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Providers;

namespace Storefront.Web.Checkout;

/// <summary>Reserves stock for an open checkout, so what a shopper is paying for cannot be sold to someone else meanwhile.</summary>
public sealed class InventoryHolds(StorefrontDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Sets the hold of a checkout on a product to exactly <paramref name="quantity"/> units (0 releases it).
    /// Products that are not stock-tracked need no hold. Throws a 409 <see cref="CheckoutException"/> saying how many are left.
    /// Run it inside the caller's transaction so a later failure rolls the hold back too.
    /// </summary>
    public async Task SetAsync(Guid checkoutId, int productId, string productName, int quantity, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var tracked = await db.StockLevels.AnyAsync(s => s.ProductId == productId, cancellationToken);
        if (!tracked)
        {
            return;
        }

        if (quantity <= 0)
        {
            await db.InventoryHolds.Where(h => h.CheckoutId == checkoutId && h.ProductId == productId).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        if (!await db.TryClaimHoldAsync(productId, checkoutId, quantity, now, expiresAt, cancellationToken))
        {
            var left = await AvailableForAsync(checkoutId, productId, now, cancellationToken);
            throw new CheckoutException(StatusCodes.Status409Conflict, left <= 0 ? $"{productName} is out of stock." : $"Only {left} left of {productName}.");
        }
    }

    public Task<int> ReleaseAllAsync(Guid checkoutId, CancellationToken cancellationToken) =>
        db.InventoryHolds.Where(h => h.CheckoutId == checkoutId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Units this checkout could hold: on hand minus what other open checkouts hold.</summary>
    private async Task<int> AvailableForAsync(Guid checkoutId, int productId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var onHand = await db.StockLevels.Where(s => s.ProductId == productId).Select(s => s.OnHand).SingleAsync(cancellationToken);
        var heldByOthers = await db.InventoryHolds
            .Where(h => h.ProductId == productId && h.CheckoutId != checkoutId && h.ExpiresAt > now)
            .SumAsync(h => h.Quantity, cancellationToken);
        return Math.Max(0, onHand - heldByOthers);
    }
}
