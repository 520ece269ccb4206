using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Web.Admin;
using Storefront.Web.Areas.Admin.Pages.Products;

namespace Storefront.Web.Areas.Admin.Pages.AddOns;

/// <summary>Add-ons are products of kind AddOn, edited with the product editor.</summary>
public sealed class IndexModel(StorefrontDbContext db) : AdminPageModel
{
    public IReadOnlyList<ProductRow> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Products = await ProductRow.QueryAsync(db, p => p.Kind == ProductKind.AddOn, cancellationToken);
}
