using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Data.Identity;
using Storefront.Data.Loyalty;
using Storefront.Web.Infrastructure;
using Storefront.Web.Loyalty;

namespace Storefront.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The account's front page: who you are to the shop (e-mail, lifetime spend, loyalty tier).</summary>
public sealed class IndexModel(UserManager<ShopUser> users, LoyaltyTiers tiers, IOptions<ShopOptions> shop) : PageModel
{
    public string Email { get; private set; } = "";

    public bool EmailConfirmed { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public long LifetimeSpend { get; private set; }

    public string Currency => shop.Value.Currency;

    public LoyaltyTier? Tier { get; private set; }

    public LoyaltyTier? NextTier { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Email = user.Email ?? user.UserName ?? "";
        EmailConfirmed = user.EmailConfirmed;
        TwoFactorEnabled = user.TwoFactorEnabled;
        LifetimeSpend = user.LifetimeSpend;
        Tier = await tiers.ForSpendAsync(user.LifetimeSpend, cancellationToken);
        NextTier = await tiers.NextAfterAsync(user.LifetimeSpend, cancellationToken);
        return Page();
    }
}
