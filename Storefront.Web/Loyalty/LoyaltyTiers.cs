using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Loyalty;

namespace Storefront.Web.Loyalty;

/// <summary>Which tier a lifetime spend earns: the highest tier whose minimum it reaches.</summary>
public sealed class LoyaltyTiers(StorefrontDbContext db)
{
    public static LoyaltyTier? TierFor(long lifetimeSpend, IEnumerable<LoyaltyTier> tiers) =>
        tiers.Where(t => t.MinimumLifetimeSpend <= lifetimeSpend)
            .OrderByDescending(t => t.MinimumLifetimeSpend)
            .FirstOrDefault();

    public async Task<LoyaltyTier?> ForSpendAsync(long lifetimeSpend, CancellationToken cancellationToken) =>
        TierFor(lifetimeSpend, await db.LoyaltyTiers.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>The next tier up, to tell a shopper how far they have to go.</summary>
    public async Task<LoyaltyTier?> NextAfterAsync(long lifetimeSpend, CancellationToken cancellationToken) =>
        await db.LoyaltyTiers.AsNoTracking()
            .Where(t => t.MinimumLifetimeSpend > lifetimeSpend)
            .OrderBy(t => t.MinimumLifetimeSpend)
            .FirstOrDefaultAsync(cancellationToken);
}
