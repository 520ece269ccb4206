using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Shipping;
using Storefront.Web.Admin;
using Storefront.Web.Infrastructure;
using Storefront.Web.Money;

namespace Storefront.Web.Areas.Admin.Pages.Shipping;

/// <summary>Create (no id), edit, activate, deactivate or delete a shipping rate.</summary>
public sealed class EditModel(StorefrontDbContext db, AdminChanges changes, IOptions<ShopOptions> shop) : AdminPageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["amount"] = "Input.Amount",
        ["maxDays"] = "Input.MaxDays",
        ["countries"] = "Input.Countries",
        ["freeOverAmount"] = "Input.FreeOver",
    };

    [BindProperty]
    public ShippingInput Input { get; set; } = new();

    public ShippingRate? Rate { get; private set; }

    public bool IsNew => Rate is null;

    public string Currency => Rate?.Currency ?? shop.Value.Currency;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return Page();
        }

        Rate = await db.ShippingRates.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (Rate is null)
        {
            return NotFound();
        }

        Input = ShippingInput.From(Rate);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        ShippingRate? rate = null;
        if (id is not null)
        {
            rate = await db.ShippingRates.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (rate is null)
            {
                return NotFound();
            }

            Rate = rate;
        }

        var amount = MinorAmount(Input.Amount, "Input.Amount", Currency);
        var freeOver = MinorAmount(Input.FreeOver, "Input.FreeOver", Currency);
        if (Input.MinDays is { } min && Input.MaxDays is { } max && max < min)
        {
            ModelState.AddModelError("Input.MaxDays", "The maximum days must be at least the minimum.");
        }

        var countries = (Input.Countries ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var invalid = countries.Where(c => c.Length != 2 || !c.All(char.IsAsciiLetter)).ToList();
        if (invalid.Count > 0)
        {
            ModelState.AddModelError("Input.Countries", $"Not a two-letter country code: {string.Join(", ", invalid)}.");
        }
        else if (countries.Length == 0 && ModelState.GetFieldValidationState("Input.Countries") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.Countries", "Enter at least one country code.");
        }

        if (!ModelState.IsValid)
        {
            return await InvalidAsync(cancellationToken);
        }

        var before = AdminEntities.Shipping.SnapshotJson(rate);
        if (!TryApply(() =>
            {
                if (rate is null)
                {
                    rate = new ShippingRate(Input.Name, amount!.Value, Currency, Input.MinDays!.Value, Input.MaxDays!.Value, countries);
                    db.ShippingRates.Add(rate);
                }

                rate.Update(Input.Name, amount!.Value, Currency, Input.MinDays!.Value, Input.MaxDays!.Value, countries, freeOver);
            }, Fields))
        {
            return await InvalidAsync(cancellationToken);
        }

        var created = id is null;
        var result = await changes.SaveAsync(AdminEntities.Shipping, rate!, created ? "shipping.created" : "shipping.updated", before, created ? null : Input.Version, cancellationToken);
        return await AfterSaveAsync(result, $"Shipping rate {rate!.Name} {(created ? "created" : "saved")}.", () => RedirectToPage("Index"), cancellationToken);
    }

    public Task<IActionResult> OnPostActivateAsync(int id, int version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, "shipping.activated", "activated", r => r.Activate(), cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(int id, int version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, "shipping.deactivated", "deactivated", r => r.Deactivate(), cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(int id, int version, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, "shipping.deleted", "deleted", r => db.ShippingRates.Remove(r), cancellationToken);

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

    private async Task<IActionResult> ChangeAsync(int id, int version, string action, string done, Action<ShippingRate> change, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var rate = await db.ShippingRates.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rate is null)
        {
            return NotFound();
        }

        Rate = rate;
        Input = ShippingInput.From(rate);
        Input.Version = version;
        var before = AdminEntities.Shipping.SnapshotJson(rate);
        change(rate);
        var result = await changes.SaveAsync(AdminEntities.Shipping, rate, action, before, version, cancellationToken);
        return await AfterSaveAsync(result, $"Shipping rate {rate.Name} {done}.",
            () => action.EndsWith("deleted", StringComparison.Ordinal) ? RedirectToPage("Index") : RedirectToPage(new { id }), cancellationToken);
    }
}

public sealed class ShippingInput
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(80, ErrorMessage = "A name has at most {1} characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter the amount.")]
    [Range(typeof(decimal), "0", "1000000", ErrorMessage = "The amount is zero or more.")]
    public decimal? Amount { get; set; }

    [Display(Name = "Minimum days")]
    [Required(ErrorMessage = "Enter the minimum delivery days.")]
    [Range(0, 365, ErrorMessage = "Delivery days are between {1} and {2}.")]
    public int? MinDays { get; set; }

    [Display(Name = "Maximum days")]
    [Required(ErrorMessage = "Enter the maximum delivery days.")]
    [Range(0, 365, ErrorMessage = "Delivery days are between {1} and {2}.")]
    public int? MaxDays { get; set; }

    [Required(ErrorMessage = "Enter at least one country code.")]
    [StringLength(1000)]
    public string? Countries { get; set; }

    [Display(Name = "Free over")]
    [Range(typeof(decimal), "0", "1000000", ErrorMessage = "The free-shipping threshold is zero or more (or empty for none).")]
    public decimal? FreeOver { get; set; }

    public int Version { get; set; }

    public static ShippingInput From(ShippingRate r) => new()
    {
        Name = r.Name,
        Amount = AdminMoney.ToMajor(r.Amount, r.Currency),
        MinDays = r.DeliveryMinDays,
        MaxDays = r.DeliveryMaxDays,
        Countries = string.Join(", ", r.CountryList),
        FreeOver = r.FreeOverAmount is { } free ? AdminMoney.ToMajor(free, r.Currency) : null,
        Version = r.Version,
    };
}
