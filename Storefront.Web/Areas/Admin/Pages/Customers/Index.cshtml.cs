using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Loyalty;
using Storefront.Web.Admin;
using Storefront.Web.Infrastructure;
using Storefront.Web.Loyalty;

namespace Storefront.Web.Areas.Admin.Pages.Customers;

/// <summary>Accounts with their lifetime spend and loyalty tier, by e-mail; 25 a page.</summary>
public sealed class IndexModel(StorefrontDbContext db, IOptions<ShopOptions> shop) : AdminPageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CustomerRow> Customers { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string Currency => shop.Value.Currency;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Email))
        {
            var term = Email.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term));
        }

        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var users = await query.OrderBy(u => u.NormalizedEmail)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.Email, u.LifetimeSpend })
            .ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var tiers = await db.LoyaltyTiers.AsNoTracking().ToListAsync(cancellationToken);
        Customers = users.Select(u => new CustomerRow(
                u.Email ?? "",
                u.LifetimeSpend,
                LoyaltyTiers.TierFor(u.LifetimeSpend, tiers),
                string.Join(", ", roles.Where(r => r.UserId == u.Id).Select(r => r.Name).Order())))
            .ToList();
    }

    public Dictionary<string, string> RouteFor(int page)
    {
        var values = new Dictionary<string, string> { ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (!string.IsNullOrWhiteSpace(Email))
        {
            values["email"] = Email.Trim();
        }

        return values;
    }
}

public sealed record CustomerRow(string Email, long LifetimeSpend, LoyaltyTier? Tier, string Roles);
