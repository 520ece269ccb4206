using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Loyalty;
using Storefront.Web.Admin;
using Storefront.Web.Infrastructure;
using Storefront.Web.Money;

namespace Storefront.Web.Areas.Admin.Pages.Loyalty;

/// <summary>Create (no id), edit or delete a loyalty tier.</summary>
public sealed class EditModel(StorefrontDbContext db, AdminChanges changes, IOptions<ShopOptions> shop) : AdminPageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["minimumLifetimeSpend"] = "Input.MinimumSpend",
        ["capAmount"] = "Input.Cap",
    };

    [BindProperty]
    public TierInput Input { get; set; } = new();

    public LoyaltyTier? Tier { get; private set; }

    public bool IsNew => Tier is null;

    public string Currency => Tier?.Currency ?? shop.Value.Currency;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return Page();
        }

        Tier = await db.LoyaltyTiers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (Tier is null)
        {
            return NotFound();
        }

        Input = TierInput.From(Tier);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        LoyaltyTier? tier = null;
        if (id is not null)
        {
            tier = await db.LoyaltyTiers.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (tier is null)
            {
                return NotFound();
            }

            Tier = tier;
        }

        var minimum = MinorAmount(Input.MinimumSpend, "Input.MinimumSpend", Currency);
        var cap = MinorAmount(Input.Cap, "Input.Cap", Currency);
        var name = (Input.Name ?? "").Trim();
        var otherId = id ?? 0;
        if (name.Length > 0 && await db.LoyaltyTiers.AnyAsync(t => t.Name.ToLower() == name.ToLower() && t.Id != otherId, cancellationToken))
        {
            ModelState.AddModelError("Input.Name", $"There is already a tier called {name}.");
        }

        if (minimum is { } m && await db.LoyaltyTiers.AnyAsync(t => t.MinimumLifetimeSpend == m && t.Id != otherId, cancellationToken))
        {
            ModelState.AddModelError("Input.MinimumSpend", $"Another tier already starts at {MoneyFormatter.Format(m, Currency)}.");
        }

        if (!ModelState.IsValid)
        {
            return await InvalidAsync(cancellationToken);
        }

        var before = AdminEntities.Tier.SnapshotJson(tier);
        if (!TryApply(() =>
            {
                if (tier is null)
                {
                    tier = new LoyaltyTier(name, minimum!.Value, Input.PercentOff!.Value, cap, Currency);
                    db.LoyaltyTiers.Add(tier);
                }
                else
                {
                    tier.Update(name, minimum!.Value, Input.PercentOff!.Value, cap, Currency);
                }
            }, Fields))
        {
            return await InvalidAsync(cancellationToken);
        }

        var created = id is null;
        var result = await changes.SaveAsync(AdminEntities.Tier, tier!, created ? "tier.created" : "tier.updated", before, created ? null : Input.Version, cancellationToken);
        return await AfterSaveAsync(result, $"Tier {tier!.Name} {(created ? "created" : "saved")}.", () => RedirectToPage("Index"), cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int version, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var tier = await db.LoyaltyTiers.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tier is null)
        {
            return NotFound();
        }

        Tier = tier;
        Input = TierInput.From(tier);
        Input.Version = version;
        var before = AdminEntities.Tier.SnapshotJson(tier);
        db.LoyaltyTiers.Remove(tier);
        var result = await changes.SaveAsync(AdminEntities.Tier, tier, "tier.deleted", before, version, cancellationToken);
        if (!result.Saved)
        {
            db.Entry(tier).State = EntityState.Unchanged;
        }

        return await AfterSaveAsync(result, $"Tier {tier.Name} deleted.", () => RedirectToPage("Index"), cancellationToken);
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Tier is not null && db.Entry(Tier).State != EntityState.Detached)
        {
            await db.Entry(Tier).ReloadAsync(cancellationToken);
        }
    }
}

public sealed class TierInput
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(60, ErrorMessage = "A name has at most {1} characters.")]
    public string Name { get; set; } = "";

    [Display(Name = "Minimum lifetime spend")]
    [Required(ErrorMessage = "Enter the minimum lifetime spend.")]
    [Range(typeof(decimal), "0", "100000000", ErrorMessage = "The minimum lifetime spend is zero or more.")]
    public decimal? MinimumSpend { get; set; }

    [Display(Name = "Percent off")]
    [Required(ErrorMessage = "Enter the percent off.")]
    [Range(0, 100, ErrorMessage = "Percent off is between {1} and {2}.")]
    public int? PercentOff { get; set; }

    [Display(Name = "Cap")]
    [Range(typeof(decimal), "0.001", "100000000", ErrorMessage = "A cap must be above zero (or empty for none).")]
    public decimal? Cap { get; set; }

    public int Version { get; set; }

    public static TierInput From(LoyaltyTier t) => new()
    {
        Name = t.Name,
        MinimumSpend = AdminMoney.ToMajor(t.MinimumLifetimeSpend, t.Currency),
        PercentOff = t.PercentOff,
        Cap = t.CapAmount is { } cap ? AdminMoney.ToMajor(cap, t.Currency) : null,
        Version = t.Version,
    };
}
