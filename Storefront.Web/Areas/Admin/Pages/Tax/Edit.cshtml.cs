using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Tax;
using Storefront.Web.Admin;

namespace Storefront.Web.Areas.Admin.Pages.Tax;

/// <summary>Create (no id), edit, activate, deactivate or delete a tax rate.</summary>
public sealed class EditModel(StorefrontDbContext db, AdminChanges changes) : AdminPageModel
{
    [BindProperty]
    public TaxInput Input { get; set; } = new();

    public TaxRate? Rate { get; private set; }

    public bool IsNew => Rate is null;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return Page();
        }

        Rate = await db.TaxRates.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (Rate is null)
        {
            return NotFound();
        }

        Input = TaxInput.From(Rate);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        TaxRate? rate = null;
        if (id is not null)
        {
            rate = await db.TaxRates.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (rate is null)
            {
                return NotFound();
            }

            Rate = rate;
        }

        if (Input.Percentage is { } percentage && decimal.Round(percentage, 4) != percentage)
        {
            ModelState.AddModelError("Input.Percentage", "Use at most four decimals.");
        }

        var country = Input.Country?.Trim().ToUpperInvariant();
        var state = string.IsNullOrWhiteSpace(Input.State) ? null : Input.State.Trim().ToUpperInvariant();
        var otherId = id ?? 0;
        if (country is { Length: 2 } && await db.TaxRates.AnyAsync(r => r.Country == country && r.State == state && r.Id != otherId, cancellationToken))
        {
            ModelState.AddModelError("Input.State", $"There is already a tax rate for {country}{(state is null ? "" : "-" + state)}.");
        }

        if (!ModelState.IsValid)
        {
            return await InvalidAsync(cancellationToken);
        }

        var before = AdminEntities.Tax.SnapshotJson(rate);
        if (!TryApply(() =>
            {
                if (rate is null)
                {
                    rate = new TaxRate(Input.DisplayName, country!, state, Input.Percentage!.Value, Input.Inclusive);
                    db.TaxRates.Add(rate);
                }
                else
                {
                    rate.Update(Input.DisplayName, country!, state, Input.Percentage!.Value, Input.Inclusive);
                }
            }))
        {
            return await InvalidAsync(cancellationToken);
        }

        var created = id is null;
        var result = await changes.SaveAsync(AdminEntities.Tax, rate!, created ? "tax.created" : "tax.updated", before, created ? null : Input.Version, cancellationToken);
        return await AfterSaveAsync(result, $"Tax rate {rate!.DisplayName} ({rate.Country}{(rate.State is null ? "" : "-" + rate.State)}) {(created ? "created" : "saved")}.",
            () => RedirectToPage("Index"), cancellationToken);
    }

    public Task<IActionResult> OnPostActivateAsync(int id, int version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, "tax.activated", "activated", r => r.Activate(), cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(int id, int version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, "tax.deactivated", "deactivated", r => r.Deactivate(), cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(int id, int version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, "tax.deleted", "deleted", r => db.TaxRates.Remove(r), cancellationToken);

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Rate is not null)
        {
            var entry = db.Entry(Rate);
            if (entry.State == EntityState.Deleted)
            {
                entry.State = EntityState.Unchanged;
            }

            await entry.ReloadAsync(cancellationToken);
        }
    }

    private async Task<IActionResult> ChangeAsync(int id, int version, string action, string done, Action<TaxRate> change, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var rate = await db.TaxRates.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rate is null)
        {
            return NotFound();
        }

        Rate = rate;
        Input = TaxInput.From(rate);
        Input.Version = version;
        var before = AdminEntities.Tax.SnapshotJson(rate);
        change(rate);
        var result = await changes.SaveAsync(AdminEntities.Tax, rate, action, before, version, cancellationToken);
        return await AfterSaveAsync(result, $"Tax rate {rate.DisplayName} {done}.",
            () => action.EndsWith("deleted", StringComparison.Ordinal) ? RedirectToPage("Index") : RedirectToPage(new { id }), cancellationToken);
    }
}

public sealed class TaxInput
{
    [Display(Name = "Display name")]
    [Required(ErrorMessage = "Enter a display name.")]
    [StringLength(80, ErrorMessage = "A display name has at most {1} characters.")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Enter a country code.")]
    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "A country is a two-letter ISO code such as US.")]
    public string? Country { get; set; }

    [StringLength(10, ErrorMessage = "A state code has at most {1} characters.")]
    [RegularExpression("^[A-Za-z0-9-]*$", ErrorMessage = "A state code uses letters and digits, such as CA.")]
    public string? State { get; set; }

    [Required(ErrorMessage = "Enter the percentage.")]
    [Range(typeof(decimal), "0", "100", ErrorMessage = "A tax percentage is between {1} and {2}.")]
    public decimal? Percentage { get; set; }

    public bool Inclusive { get; set; }

    public int Version { get; set; }

    public static TaxInput From(TaxRate r) => new()
    {
        DisplayName = r.DisplayName,
        Country = r.Country,
        State = r.State,
        Percentage = r.Percentage,
        Inclusive = r.Inclusive,
        Version = r.Version,
    };
}
