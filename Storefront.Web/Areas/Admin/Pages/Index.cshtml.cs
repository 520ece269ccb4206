using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Checkouts;

namespace Storefront.Web.Areas.Admin.Pages;

/// <summary>Admin home. The whole area requires the Admin role (see the Razor Pages conventions in hosting).</summary>
public sealed class IndexModel(StorefrontDbContext db) : PageModel
{
    public int ActiveProducts { get; private set; }

    public int Orders { get; private set; }

    public int OpenCheckouts { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ActiveProducts = await db.Products.CountAsync(p => p.IsActive, cancellationToken);
        Orders = await db.Orders.CountAsync(cancellationToken);
        OpenCheckouts = await db.Checkouts.CountAsync(c => c.Status == CheckoutStatus.Open, cancellationToken);
    }
}
