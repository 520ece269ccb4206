using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Web.Infrastructure;
using Storefront.Web.Inventory;

namespace Storefront.Web.Catalog;

public sealed record ProductCard(string Slug, string Name, string Category, string? ImageUrl, ProductKind Kind, long FromAmount, string Currency, BillingInterval Interval, int? Available);

public sealed record ProductPrice(int PriceId, long UnitAmount, string Currency, BillingInterval Interval);

public sealed record ProductDetails(
    int Id,
    string Slug,
    string Name,
    string Description,
    string Category,
    string? ImageUrl,
    ProductKind Kind,
    IReadOnlyList<ProductPrice> Prices,
    int? Available)
{
    public bool IsSubscription => Kind == ProductKind.Subscription;

    public ProductPrice? PriceFor(BillingInterval interval) => Prices.FirstOrDefault(p => p.Interval == interval);
}

/// <summary>Read side of the catalog: what shoppers can browse and buy (active, not add-ons, not gifts).</summary>
public sealed class CatalogQueries(StorefrontDbContext db, StockAvailability stock, IOptions<ShopOptions> shop)
{
    private string Currency => shop.Value.Currency;

    private IQueryable<Product> Browsable => db.Products.AsNoTracking()
        .Where(p => p.IsActive && p.Kind != ProductKind.AddOn && !p.IsComplimentary);

    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken cancellationToken) =>
        await Browsable.Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ProductCard>> ListAsync(string? category, CancellationToken cancellationToken)
    {
        var query = Browsable;
        if (!string.IsNullOrWhiteSpace(category))
        {
            query = query.Where(p => p.Category == category);
        }

        var rows = await query
            .OrderBy(p => p.Category).ThenBy(p => p.Name)
            .Select(p => new
            {
                p.Id, p.Slug, p.Name, p.Category, p.ImageUrl, p.Kind,
                Price = p.Prices.Where(x => x.IsActive && x.Currency == Currency)
                    .OrderBy(x => x.Interval).Select(x => new { x.UnitAmount, x.Interval }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var available = await stock.ForProductsAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        return rows
            .Where(r => r.Price is not null)
            .Select(r => new ProductCard(r.Slug, r.Name, r.Category, r.ImageUrl, r.Kind, r.Price!.UnitAmount, Currency, r.Price.Interval,
                available.TryGetValue(r.Id, out var a) ? a : null))
            .ToList();
    }

    public async Task<ProductDetails?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        var product = await Browsable.Include(p => p.Prices).FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (product is null)
        {
            return null;
        }

        var prices = product.Prices
            .Where(p => p.IsActive && p.Currency == Currency)
            .OrderBy(p => p.Interval)
            .Select(p => new ProductPrice(p.Id, p.UnitAmount, p.Currency, p.Interval))
            .ToList();
        return new ProductDetails(product.Id, product.Slug, product.Name, product.Description, product.Category, product.ImageUrl,
            product.Kind, prices, await stock.ForProductAsync(product.Id, cancellationToken));
    }
}
