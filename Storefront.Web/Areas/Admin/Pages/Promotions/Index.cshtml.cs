using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Promotions;
using Storefront.Web.Admin;

namespace Storefront.Web.Areas.Admin.Pages.Promotions;

public sealed class IndexModel(StorefrontDbContext db, AdminChanges changes) : AdminPageModel
{
    public IReadOnlyList<Promotion> Promotions { get; private set; } = [];

    public DateTimeOffset Now => changes.Now;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Promotions = await db.Promotions.AsNoTracking().OrderBy(p => p.Priority).ThenBy(p => p.Name).ToListAsync(cancellationToken);
}
