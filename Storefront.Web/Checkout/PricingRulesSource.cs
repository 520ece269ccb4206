using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Web.Infrastructure;
using Storefront.Web.Pricing;

namespace Storefront.Web.Checkout;

/// <summary>
/// The one database-aware piece of pricing: reads the merchant's rules (tiers, active promotions, shipping and tax
/// rates, the complimentary product and its price) without tracking and keeps the snapshot in memory briefly
/// (<see cref="PricingOptions.RulesCacheDuration"/>, 5 s by default). Admin edits call <see cref="Invalidate"/>.
/// A snapshot whose load overlapped an invalidation is used once but not cached, so an edit is never hidden by a
/// read that started before it.
/// </summary>
public sealed class PricingRulesSource(
    StorefrontDbContext db,
    IMemoryCache cache,
    PricingRulesGeneration generation,
    IOptions<PricingOptions> pricingOptions,
    IOptions<ShopOptions> shopOptions)
{
    private static readonly object CacheKey = new();

    public async Task<PricingRules> GetAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out PricingRules? cached) && cached is not null)
        {
            return cached;
        }

        var loadedAt = generation.Current;
        var rules = await LoadAsync(cancellationToken);
        var duration = pricingOptions.Value.RulesCacheDuration;
        if (duration > TimeSpan.Zero && generation.Current == loadedAt)
        {
            cache.Set(CacheKey, rules, duration);
        }

        return rules;
    }

    /// <summary>Forgets the cached snapshot so the next quote reads the rules again. Call it after the edit is saved.</summary>
    public void Invalidate()
    {
        generation.Bump();
        cache.Remove(CacheKey);
    }

    private async Task<PricingRules> LoadAsync(CancellationToken cancellationToken)
    {
        var options = pricingOptions.Value;
        var currency = shopOptions.Value.Currency;

        var tiers = await db.LoyaltyTiers.AsNoTracking().ToListAsync(cancellationToken);
        var promotions = await db.Promotions.AsNoTracking().Where(p => p.IsActive).ToListAsync(cancellationToken);
        var shippingRates = await db.ShippingRates.AsNoTracking().Where(r => r.IsActive).ToListAsync(cancellationToken);
        var taxRates = await db.TaxRates.AsNoTracking().Where(r => r.IsActive).ToListAsync(cancellationToken);

        var complimentary = await db.Products.AsNoTracking()
            .Where(p => p.IsComplimentary && p.IsActive)
            .OrderBy(p => p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        Price? complimentaryPrice = null;
        if (complimentary is not null)
        {
            complimentaryPrice = await db.Prices.AsNoTracking()
                .Where(p => p.ProductId == complimentary.Id && p.IsActive && p.Interval == BillingInterval.None
                            && p.Currency == currency)
                .OrderBy(p => p.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        return PricingRules.From(tiers, promotions, shippingRates, taxRates, complimentary, complimentaryPrice,
            options.ComplimentaryThreshold, options.DefaultCountry);
    }
}

/// <summary>Counts invalidations of the cached pricing rules (one per application, registered by AddPricing).</summary>
public sealed class PricingRulesGeneration
{
    private long value;

    public long Current => Interlocked.Read(ref value);

    public void Bump() => Interlocked.Increment(ref value);
}
