using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Tax;
using Storefront.Web.Admin;

namespace Storefront.Web.Areas.Admin.Pages.Tax;

public sealed class IndexModel(StorefrontDbContext db) : AdminPageModel
{
    public IReadOnlyList<TaxRate> Rates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rates = await db.TaxRates.AsNoTracking().OrderBy(r => r.Country).ThenBy(r => r.State).ToListAsync(cancellationToken);
}
