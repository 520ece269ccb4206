using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Carts;
using Storefront.Web.Inventory;

namespace Storefront.Web.Carts;

/// <summary>
/// On sign-in, what a shopper put in the cart as a visitor joins the cart of their account: quantities of the
/// same price add up (within the per-line maximum and the stock), then the visitor cart is deleted.
/// </summary>
public sealed partial class CartMerger(StorefrontDbContext db, StockAvailability stock, TimeProvider clock, ILogger<CartMerger> logger)
{
    public async Task MergeAsync(CartOwner visitor, CartOwner user, CancellationToken cancellationToken)
    {
        var visitorCart = await db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.OwnerKey == visitor.Key, cancellationToken);
        if (visitorCart is null || visitorCart.Lines.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var userCart = await db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.OwnerKey == user.Key, cancellationToken);
        if (userCart is null)
        {
            userCart = new Cart(user.Key, now);
            db.Carts.Add(userCart);
        }

        var available = await stock.ForProductsAsync(visitorCart.Lines.Select(l => l.ProductId).Distinct().ToList(), cancellationToken);
        foreach (var line in visitorCart.Lines)
        {
            var existing = userCart.FindLine(line.PriceId);
            var target = CartRules.MergedQuantity(existing?.Quantity ?? 0, line.Quantity, available.TryGetValue(line.ProductId, out var a) ? a : null);
            try
            {
                if (existing is null && target > 0)
                {
                    userCart.Add(line.ProductId, line.PriceId, target, now);
                }
                else if (existing is not null && target > existing.Quantity)
                {
                    userCart.SetQuantity(existing.Id, target, now);
                }
            }
            catch (CartRuleException ex)
            {
                LogLineSkipped(logger, line.PriceId, ex.Message);
            }
        }

        db.Carts.Remove(visitorCart);
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cart merge skipped price {PriceId}: {Reason}")]
    private static partial void LogLineSkipped(ILogger logger, int priceId, string reason);
}
