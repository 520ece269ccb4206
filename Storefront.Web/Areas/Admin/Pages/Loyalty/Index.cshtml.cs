using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Loyalty;
using Storefront.Web.Admin;
using Storefront.Web.Infrastructure;
using Storefront.Web.Loyalty;

namespace Storefront.Web.Areas.Admin.Pages.Loyalty;

/// <summary>The tiers, and a preview: which tier a given lifetime spend earns (a GET form, nothing is stored).</summary>
public sealed class IndexModel(StorefrontDbContext db, IOptions<ShopOptions> shop) : AdminPageModel
{
    public IReadOnlyList<LoyaltyTier> Tiers { get; private set; } = [];

    public string Currency => shop.Value.Currency;

    [BindProperty(SupportsGet = true, Name = "spend")]
    [Display(Name = "Lifetime spend")]
    [Range(typeof(decimal), "0", "100000000", ErrorMessage = "Enter a lifetime spend of zero or more.")]
    public decimal? Spend { get; set; }

    public bool HasPreview { get; private set; }

    public LoyaltyTier? PreviewTier { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Tiers = await db.LoyaltyTiers.AsNoTracking().OrderBy(t => t.MinimumLifetimeSpend).ToListAsync(cancellationToken);
        if (Spend is null && !ModelState.ContainsKey("spend"))
        {
            return Page();
        }

        var minor = Spend is { } s ? AdminMoney.ToMinor(s, Currency) : null;
        if (Spend is not null && minor is null)
        {
            ModelState.AddModelError("spend", $"Use at most {Money.CurrencyInfo.Decimals(Currency)} decimals.");
        }

        if (!ModelState.IsValid || minor is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        HasPreview = true;
        PreviewTier = LoyaltyTiers.TierFor(minor.Value, Tiers);
        Spend = AdminMoney.ToMajor(minor.Value, Currency);
        return Page();
    }
}
