using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Storefront.Data.Audit;
using Storefront.Data.Carts;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Identity;
using Storefront.Data.Inventory;
using Storefront.Data.Loyalty;
using Storefront.Data.Orders;
using Storefront.Data.Promotions;
using Storefront.Data.Providers;
using Storefront.Data.Shipping;
using Storefront.Data.Stripe;
using Storefront.Data.Tax;

namespace Storefront.Data;

public sealed class StorefrontDbContext(DbContextOptions<StorefrontDbContext> options) : IdentityDbContext<ShopUser>(options)
{
    public DbSet<Product> Products => Set<Product>();

    public DbSet<Price> Prices => Set<Price>();

    public DbSet<StockLevel> StockLevels => Set<StockLevel>();

    public DbSet<InventoryHold> InventoryHolds => Set<InventoryHold>();

    public DbSet<LoyaltyTier> LoyaltyTiers => Set<LoyaltyTier>();

    public DbSet<Promotion> Promotions => Set<Promotion>();

    public DbSet<ShippingRate> ShippingRates => Set<ShippingRate>();

    public DbSet<TaxRate> TaxRates => Set<TaxRate>();

    public DbSet<Cart> Carts => Set<Cart>();

    public DbSet<CartLine> CartLines => Set<CartLine>();

    public DbSet<Checkout> Checkouts => Set<Checkout>();

    public DbSet<CheckoutLine> CheckoutLines => Set<CheckoutLine>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<ProcessedStripeEvent> ProcessedStripeEvents => Set<ProcessedStripeEvent>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StorefrontDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        DatabaseProvider.ApplyConventions(configurationBuilder, Database.ProviderName);
    }

    /// <summary>
    /// A modified row gets the next version; EF compares the original version in the UPDATE's WHERE clause,
    /// so a writer holding a stale copy gets a DbUpdateConcurrencyException instead of silently winning.
    /// Child rows (lines) count as a change of their parent aggregate.
    /// </summary>
    private void BumpVersions()
    {
        var touchedParents = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case IVersioned versioned when entry.State == EntityState.Modified:
                    touchedParents.Add(versioned);
                    break;
                case CartLine line:
                    AddParent(touchedParents, Carts.Local.FirstOrDefault(c => c.Id == line.CartId));
                    break;
                case CheckoutLine line:
                    AddParent(touchedParents, Checkouts.Local.FirstOrDefault(c => c.Id == line.CheckoutId));
                    break;
            }
        }

        foreach (var parent in touchedParents.Cast<IVersioned>())
        {
            var entry = Entry(parent);
            if (entry.State == EntityState.Unchanged)
            {
                entry.State = EntityState.Modified;
            }

            if (entry.State == EntityState.Modified)
            {
                parent.BumpVersion();
            }
        }
    }

    private static void AddParent(HashSet<object> parents, object? parent)
    {
        if (parent is not null)
        {
            parents.Add(parent);
        }
    }
}
