using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Shipping;
using Storefront.Web.Admin;

namespace Storefront.Web.Areas.Admin.Pages.Shipping;

public sealed class IndexModel(StorefrontDbContext db) : AdminPageModel
{
    public IReadOnlyList<ShippingRate> Rates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rates = await db.ShippingRates.AsNoTracking().OrderBy(r => r.Amount).ThenBy(r => r.Name).ToListAsync(cancellationToken);
}
