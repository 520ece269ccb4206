using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Orders;
using Storefront.Web.Admin;

namespace Storefront.Web.Areas.Admin.Pages.Orders;

/// <summary>Orders, newest first, filtered by status, creation date range (UTC days) and e-mail; 20 a page.</summary>
public sealed class IndexModel(StorefrontDbContext db) : AdminPageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public OrderStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Order> Orders { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (From is { } from && To is { } to && to < from)
        {
            ModelState.AddModelError(nameof(To), "The end date is before the start date.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var query = db.Orders.AsNoTracking();
        if (Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (From is { } start)
        {
            var since = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(o => o.CreatedAt >= since);
        }

        if (To is { } end)
        {
            var before = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(o => o.CreatedAt < before);
        }

        if (!string.IsNullOrWhiteSpace(Email))
        {
            var term = Email.Trim().ToLowerInvariant();
            query = query.Where(o => o.Email.ToLower().Contains(term));
        }

        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Orders = await query.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Number)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Route values for a page link that keeps the filters.</summary>
    public Dictionary<string, string> RouteFor(int page)
    {
        var values = new Dictionary<string, string> { ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Status is { } status)
        {
            values["status"] = status.ToString();
        }

        if (From is { } from)
        {
            values["from"] = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (To is { } to)
        {
            values["to"] = to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrWhiteSpace(Email))
        {
            values["email"] = Email.Trim();
        }

        return values;
    }
}
