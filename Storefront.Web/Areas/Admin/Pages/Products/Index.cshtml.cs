using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Web.Admin;

namespace Storefront.Web.Areas.Admin.Pages.Products;

public sealed class IndexModel(StorefrontDbContext db) : AdminPageModel
{
    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyList<ProductRow> Products { get; private set; } = [];

    public string? Category { get; private set; }

    public async Task OnGetAsync(string? category, CancellationToken cancellationToken)
    {
        Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        Categories = await db.Products.AsNoTracking().Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        Products = await ProductRow.QueryAsync(db, p => Category == null || p.Category == Category, cancellationToken);
    }
}

/// <summary>One line of a product list, shared by the product and add-on lists.</summary>
public sealed record ProductRow(int Id, string Slug, string Name, string Category, ProductKind Kind, bool IsActive, IReadOnlyList<Price> ActivePrices, int? OnHand)
{
    public static async Task<IReadOnlyList<ProductRow>> QueryAsync(
        StorefrontDbContext db, System.Linq.Expressions.Expression<Func<Product, bool>> filter, CancellationToken cancellationToken)
    {
        var products = await db.Products.AsNoTracking().Include(p => p.Prices).Where(filter)
            .OrderBy(p => p.Category).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        var ids = products.Select(p => p.Id).ToList();
        var stock = await db.StockLevels.AsNoTracking().Where(s => ids.Contains(s.ProductId))
            .ToDictionaryAsync(s => s.ProductId, s => s.OnHand, cancellationToken);
        return products.Select(p => new ProductRow(
                p.Id, p.Slug, p.Name, p.Category, p.Kind, p.IsActive,
                p.Prices.Where(x => x.IsActive).OrderBy(x => x.Interval).ToList(),
                stock.TryGetValue(p.Id, out var onHand) ? onHand : null))
            .ToList();
    }
}
