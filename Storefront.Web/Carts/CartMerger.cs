using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Carts;
using Storefront.Web.Inventory;

namespace Storefront.Web.Carts;

/// <summary>
/// On sign-in, what a shopper put in the cart as a visitor joins the cart of their account: quantities of the
/// same price add up (within the per-line maximum and the stock), then the visitor cart is deleted.
/// Two sign-ins racing with the same visitor cookie (two tabs, a double submit) both try this; the loser's save
/// fails on the carts' version or unique owner, and it starts again from what the winner saved.
/// </summary>
public sealed partial class CartMerger(StorefrontDbContext db, StockAvailability stock, TimeProvider clock, ILogger<CartMerger> logger)
{
    private const int Attempts = 4;

    public async Task MergeAsync(CartOwner visitor, CartOwner user, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MergeOnceAsync(visitor, user, cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt < Attempts)
            {
                // DbUpdateConcurrencyException (the other merge changed or deleted a cart) or a unique-owner clash
                // (both created the account's cart): forget what this attempt tracked and read again.
                LogRetry(logger, attempt, ex.GetType().Name);
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException ex)
            {
                // Signing in matters more than the merge: the visitor cart stays where it is and can be merged next time.
                LogGaveUp(logger, ex);
                db.ChangeTracker.Clear();
                return;
            }
        }
    }

    private async Task MergeOnceAsync(CartOwner visitor, CartOwner user, CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Cart merge attempt {Attempt} lost a race ({Error}); retrying")]
    private static partial void LogRetry(ILogger logger, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cart merge gave up after repeated conflicts; the visitor cart is kept")]
    private static partial void LogGaveUp(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cart merge skipped price {PriceId}: {Reason}")]
    private static partial void LogLineSkipped(ILogger logger, int priceId, string reason);
}
