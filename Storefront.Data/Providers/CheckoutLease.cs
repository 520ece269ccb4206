using Microsoft.EntityFrameworkCore;
using Storefront.Data.Checkouts;

namespace Storefront.Data.Providers;

/// <summary>The short exclusive lease one shopper action holds on a checkout while it talks to Stripe.</summary>
public static class CheckoutLease
{
    /// <summary>
    /// Claims the checkout at the version the caller read: bumps the version and sets the lease, in one conditional
    /// UPDATE. False when another action changed the checkout or holds an unexpired lease.
    /// </summary>
    public static async Task<bool> TryClaimAsync(this StorefrontDbContext db, Guid checkoutId, int readVersion, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var until = now + leaseFor;
        var rows = await db.Checkouts
            .Where(c => c.Id == checkoutId && c.Version == readVersion && c.Status == CheckoutStatus.Open
                        && (c.UpdateLeaseUntil == null || c.UpdateLeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, readVersion + 1).SetProperty(c => c.UpdateLeaseUntil, until), cancellationToken);
        return rows == 1;
    }

    /// <summary>
    /// Gives the lease back and restores the version the action read, if the claim is still ours: a refused or
    /// failed action leaves the checkout exactly as it was.
    /// </summary>
    public static Task<int> ReleaseUnchangedAsync(this StorefrontDbContext db, Guid checkoutId, int readVersion, CancellationToken cancellationToken) =>
        db.Checkouts.Where(c => c.Id == checkoutId && c.Version == readVersion + 1)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, readVersion).SetProperty(c => c.UpdateLeaseUntil, (DateTimeOffset?)null), cancellationToken);

    /// <summary>Gives the lease back without other changes (the action failed; nothing else was written).</summary>
    public static Task ReleaseAsync(this StorefrontDbContext db, Guid checkoutId, CancellationToken cancellationToken) =>
        db.Checkouts.Where(c => c.Id == checkoutId).ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdateLeaseUntil, (DateTimeOffset?)null), cancellationToken);
}
