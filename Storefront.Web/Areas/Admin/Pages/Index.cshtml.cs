using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Checkouts;
using Storefront.Data.Orders;
using Storefront.Web.Admin;
using Storefront.Web.Infrastructure;

namespace Storefront.Web.Areas.Admin.Pages;

/// <summary>Admin home: sales of the last 30 days, best sellers, open checkouts and holds. The whole area requires the Admin role.</summary>
public sealed class IndexModel(StorefrontDbContext db, TimeProvider clock, IOptions<ShopOptions> shop) : AdminPageModel
{
    public const int ChartDays = 30;

    public int ActiveProducts { get; private set; }

    public int Orders { get; private set; }

    public int OpenCheckouts { get; private set; }

    public int ActiveHolds { get; private set; }

    public int HeldUnits { get; private set; }

    public SalesChart Sales { get; private set; } = null!;

    public IReadOnlyList<TopProduct> TopProducts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        ActiveProducts = await db.Products.CountAsync(p => p.IsActive, cancellationToken);
        Orders = await db.Orders.CountAsync(cancellationToken);
        OpenCheckouts = await db.Checkouts.CountAsync(c => c.Status == CheckoutStatus.Open && c.ExpiresAt > now, cancellationToken);
        var holds = await db.InventoryHolds.Where(h => h.ExpiresAt > now)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Units = g.Sum(h => h.Quantity) }).FirstOrDefaultAsync(cancellationToken);
        ActiveHolds = holds?.Count ?? 0;
        HeldUnits = holds?.Units ?? 0;

        // Sales in the shop currency; failed payments are not sales.
        var currency = shop.Value.Currency;
        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - ChartDays);
        var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var sales = await db.Orders.AsNoTracking()
            .Where(o => o.CreatedAt >= since && o.Status != OrderStatus.PaymentFailed && o.Currency == currency)
            .Select(o => new { o.CreatedAt, o.Total })
            .ToListAsync(cancellationToken);
        Sales = new SalesChart(firstDay, ChartDays, currency, sales.Select(s => (DateOnly.FromDateTime(s.CreatedAt.UtcDateTime), s.Total)));

        var top = await (from line in db.OrderLines
                         join order in db.Orders on line.OrderId equals order.Id
                         where order.Status != OrderStatus.PaymentFailed
                         group line by line.ProductId into g
                         select new { ProductId = g.Key, Units = g.Sum(l => l.Quantity) })
            .OrderByDescending(x => x.Units).ThenBy(x => x.ProductId).Take(5).ToListAsync(cancellationToken);
        var ids = top.Select(t => t.ProductId).ToList();
        var names = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        TopProducts = top.Select(t => new TopProduct(t.ProductId, names.GetValueOrDefault(t.ProductId, $"Product {t.ProductId}"), t.Units)).ToList();
    }
}

public sealed record TopProduct(int ProductId, string Name, int Units);
