using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Web.Carts;

namespace Storefront.Web.Accounts;

/// <summary>
/// What deleting an account does to the shop's own records: orders and checkouts are kept for the books but
/// anonymised, the account's cart goes. Changes are only tracked here; the account deletion saves them together
/// with the removal of the user row, so either both happen or neither.
/// </summary>
public sealed class AccountErasure(StorefrontDbContext db)
{
    public async Task TrackAsync(string userId, CancellationToken cancellationToken = default)
    {
        foreach (var order in await db.Orders.Where(o => o.UserId == userId).ToListAsync(cancellationToken))
        {
            order.ForgetCustomer();
        }

        var ownerKey = CartOwner.ForUser(userId).Key;
        foreach (var checkout in await db.Checkouts.Where(c => c.UserId == userId || c.OwnerKey == ownerKey).ToListAsync(cancellationToken))
        {
            checkout.ForgetCustomer();
        }

        db.Carts.RemoveRange(await db.Carts.Where(c => c.OwnerKey == ownerKey).ToListAsync(cancellationToken));
    }
}
