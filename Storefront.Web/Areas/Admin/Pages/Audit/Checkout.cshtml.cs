using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Audit;
using Storefront.Web.Admin;

namespace Storefront.Web.Areas.Admin.Pages.Audit;

/// <summary>Everything recorded about one checkout, oldest first.</summary>
public sealed class CheckoutModel(StorefrontDbContext db) : AdminPageModel
{
    public Guid CheckoutId { get; private set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string? OrderNumber { get; private set; }

    public Guid? OrderId { get; private set; }

    public async Task OnGetAsync(Guid checkoutId, CancellationToken cancellationToken)
    {
        CheckoutId = checkoutId;
        Entries = await db.AuditEntries.AsNoTracking().Where(a => a.CheckoutId == checkoutId)
            .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().Where(o => o.CheckoutId == checkoutId)
            .Select(o => new { o.Id, o.Number }).FirstOrDefaultAsync(cancellationToken);
        OrderId = order?.Id;
        OrderNumber = order?.Number;
    }
}
