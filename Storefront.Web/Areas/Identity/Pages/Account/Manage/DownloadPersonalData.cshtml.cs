using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Identity;

namespace Storefront.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Everything the shop holds about the signed-in customer, as one JSON file: the account (Identity's
/// [PersonalData] fields), the loyalty spend, external logins and every order with its lines. The authenticator
/// key is left out: it is a secret, not information about the person.
/// </summary>
public sealed class DownloadPersonalDataModel(UserManager<ShopUser> users, StorefrontDbContext db) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var account = typeof(ShopUser).GetProperties()
            .Where(p => Attribute.IsDefined(p, typeof(PersonalDataAttribute)))
            .ToDictionary(p => p.Name, p => p.GetValue(user)?.ToString());
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => o.UserId == user.Id)
            .OrderBy(o => o.CreatedAt)
            .ToListAsync(cancellationToken);
        var document = new
        {
            Account = account,
            user.LifetimeSpend,
            Logins = (await users.GetLoginsAsync(user)).Select(l => new { l.LoginProvider, l.ProviderKey }),
            Orders = orders.Select(o => new
            {
                o.Number,
                o.CreatedAt,
                Status = o.Status.ToString(),
                o.Email,
                o.Currency,
                o.Subtotal,
                o.Discount,
                o.Shipping,
                o.Tax,
                o.Total,
                Lines = o.Lines.Select(l => new { l.Name, l.Quantity, l.UnitAmount, Interval = l.Interval.ToString(), l.AmountTotal }),
            }),
        };

        Response.Headers.ContentDisposition = "attachment; filename=PersonalData.json";
        return new FileContentResult(JsonSerializer.SerializeToUtf8Bytes(document, Json), "application/json");
    }
}
