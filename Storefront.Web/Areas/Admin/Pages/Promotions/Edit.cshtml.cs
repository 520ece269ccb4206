using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Promotions;
using Storefront.Web.Admin;
using Storefront.Web.Infrastructure;
using Storefront.Web.Money;

namespace Storefront.Web.Areas.Admin.Pages.Promotions;

/// <summary>Create (no id) or edit a promotion of any kind; activate and deactivate it.</summary>
public sealed class EditModel(StorefrontDbContext db, AdminChanges changes, IOptions<ShopOptions> shop) : AdminPageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["percentOff"] = "Input.PercentOff",
        ["amountOff"] = "Input.AmountOff",
        ["capAmount"] = "Input.CapAmount",
        ["endsAt"] = "Input.EndsAt",
        ["thresholdAmount"] = "Input.Threshold",
        ["limit"] = "Input.RedemptionLimit",
        ["name"] = "Input.Name",
    };

    [BindProperty]
    public PromotionInput Input { get; set; } = new();

    public Promotion? Promotion { get; private set; }

    public bool IsNew => Promotion is null;

    public string Currency => Promotion?.Currency ?? shop.Value.Currency;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return Page();
        }

        Promotion = await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Promotion is null)
        {
            return NotFound();
        }

        Input = PromotionInput.From(Promotion);
        if (Promotion.CustomerUserId is { } userId)
        {
            Input.CustomerEmail = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Promotion? promotion = null;
        if (id is not null)
        {
            promotion = await db.Promotions.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (promotion is null)
            {
                return NotFound();
            }

            Promotion = promotion;
            Input.Kind = promotion.Kind;
        }

        var values = await ValidateAsync(id, cancellationToken);
        if (!ModelState.IsValid || values is null)
        {
            return await InvalidAsync(cancellationToken);
        }

        var before = AdminEntities.Promotion.SnapshotJson(promotion);
        var v = values.Value;
        if (!TryApply(() =>
            {
                if (promotion is null)
                {
                    promotion = new Promotion(Input.Name, Input.Kind, Input.DiscountType, Input.PercentOff ?? 0, v.AmountOff, Currency);
                    db.Promotions.Add(promotion);
                }

                promotion.Rename(Input.Name);
                promotion.SetDiscount(Input.DiscountType, Input.PercentOff ?? 0, v.AmountOff, Currency);
                promotion.SetPolicy(Input.Stackable, Input.Priority, v.Cap);
                promotion.SetWindow(AdminTime.FromInput(Input.StartsAt), AdminTime.FromInput(Input.EndsAt));
                promotion.SetRedemptionLimit(Input.RedemptionLimit);

                // Kind-specific conditions; fields of other kinds are cleared so they cannot apply by accident.
                promotion.SetThreshold(Input.Kind == PromotionKind.CartThreshold ? v.Threshold : null);
                promotion.SetRegion(Input.Kind == PromotionKind.Region ? Input.Country : null, Input.Kind == PromotionKind.Region ? Input.State : null);
                promotion.SetCustomer(Input.Kind == PromotionKind.CustomerSpecific ? v.CustomerUserId : null);
                promotion.SetCode(Input.Kind == PromotionKind.Code ? Input.Code : null);
            }, Fields))
        {
            return await InvalidAsync(cancellationToken);
        }

        var created = id is null;
        var result = await changes.SaveAsync(AdminEntities.Promotion, promotion!, created ? "promotion.created" : "promotion.updated", before,
            created ? null : Input.Version, cancellationToken);
        return await AfterSaveAsync(result, $"Promotion \"{promotion!.Name}\" {(created ? "created" : "saved")}.",
            () => RedirectToPage("Index"), cancellationToken);
    }

    public Task<IActionResult> OnPostActivateAsync(int id, int version, CancellationToken cancellationToken) =>
        SetActiveAsync(id, version, true, cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(int id, int version, CancellationToken cancellationToken) =>
        SetActiveAsync(id, version, false, cancellationToken);

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Promotion is not null)
        {
            await db.Entry(Promotion).ReloadAsync(cancellationToken);
        }
    }

    private async Task<(long AmountOff, long? Cap, long? Threshold, string? CustomerUserId)?> ValidateAsync(int? id, CancellationToken cancellationToken)
    {
        var amountOff = 0L;
        if (Input.DiscountType == DiscountType.Percent && Input.PercentOff is null)
        {
            ModelState.AddModelError("Input.PercentOff", "Enter the percent off (1 to 100).");
        }

        if (Input.DiscountType == DiscountType.Amount)
        {
            amountOff = MinorAmount(Input.AmountOff, "Input.AmountOff", Currency, "Enter the amount off.") ?? 0;
        }

        var cap = MinorAmount(Input.CapAmount, "Input.CapAmount", Currency, null);
        var threshold = MinorAmount(Input.Threshold, "Input.Threshold", Currency, Input.Kind == PromotionKind.CartThreshold ? "A cart-threshold promotion needs a threshold." : null);
        if (Input.StartsAt is { } starts && Input.EndsAt is { } ends && ends <= starts)
        {
            ModelState.AddModelError("Input.EndsAt", "A promotion must end after it starts.");
        }

        if (Input.Kind == PromotionKind.TimeWindow)
        {
            if (Input.StartsAt is null)
            {
                ModelState.AddModelError("Input.StartsAt", "A time-window promotion needs a start.");
            }

            if (Input.EndsAt is null)
            {
                ModelState.AddModelError("Input.EndsAt", "A time-window promotion needs an end.");
            }
        }

        if (Input.Kind == PromotionKind.Region && string.IsNullOrWhiteSpace(Input.Country))
        {
            ModelState.AddModelError("Input.Country", "A region promotion needs a country.");
        }

        string? customerUserId = null;
        if (Input.Kind == PromotionKind.CustomerSpecific)
        {
            if (string.IsNullOrWhiteSpace(Input.CustomerEmail))
            {
                ModelState.AddModelError("Input.CustomerEmail", "A customer-specific promotion needs the customer's e-mail.");
            }
            else
            {
                var normalized = Input.CustomerEmail.Trim().ToUpperInvariant();
                customerUserId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
                if (customerUserId is null)
                {
                    ModelState.AddModelError("Input.CustomerEmail", $"No customer has the e-mail {Input.CustomerEmail.Trim()}.");
                }
            }
        }

        if (Input.Kind == PromotionKind.Code)
        {
            var code = Input.Code?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(code))
            {
                ModelState.AddModelError("Input.Code", "A code promotion needs a code.");
            }
            else if (await db.Promotions.AnyAsync(p => p.Code == code && p.Id != (id ?? 0), cancellationToken))
            {
                ModelState.AddModelError("Input.Code", $"The code {code} is already used by another promotion.");
            }
        }

        return ModelState.IsValid ? (amountOff, cap, threshold, customerUserId) : null;
    }

    private async Task<IActionResult> SetActiveAsync(int id, int version, bool active, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var promotion = await db.Promotions.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (promotion is null)
        {
            return NotFound();
        }

        Promotion = promotion;
        Input = PromotionInput.From(promotion);
        Input.Version = version;
        var before = AdminEntities.Promotion.SnapshotJson(promotion);
        if (active)
        {
            promotion.Activate();
        }
        else
        {
            promotion.Deactivate();
        }

        var result = await changes.SaveAsync(AdminEntities.Promotion, promotion, active ? "promotion.activated" : "promotion.deactivated", before, version, cancellationToken);
        return await AfterSaveAsync(result, $"Promotion \"{promotion.Name}\" {(active ? "activated" : "deactivated")}.",
            () => RedirectToPage(new { id }), cancellationToken);
    }
}

public sealed class PromotionInput
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(120, ErrorMessage = "A name has at most {1} characters.")]
    public string Name { get; set; } = "";

    public PromotionKind Kind { get; set; }

    [Display(Name = "Discount type")]
    public DiscountType DiscountType { get; set; }

    [Display(Name = "Percent off")]
    [Range(1, 100, ErrorMessage = "Percent off is between {1} and {2}.")]
    public int? PercentOff { get; set; }

    [Display(Name = "Amount off")]
    [Range(typeof(decimal), "0.001", "1000000", ErrorMessage = "Amount off must be above zero.")]
    public decimal? AmountOff { get; set; }

    [Display(Name = "Cap")]
    [Range(typeof(decimal), "0.001", "1000000", ErrorMessage = "A cap must be above zero (or empty for none).")]
    public decimal? CapAmount { get; set; }

    public bool Stackable { get; set; } = true;

    [Range(0, 1000, ErrorMessage = "Priority is between {1} and {2}.")]
    public int Priority { get; set; } = 50;

    [Display(Name = "Starts (UTC)")]
    public DateTime? StartsAt { get; set; }

    [Display(Name = "Ends (UTC)")]
    public DateTime? EndsAt { get; set; }

    [Display(Name = "Cart threshold")]
    [Range(typeof(decimal), "0", "1000000", ErrorMessage = "The threshold is zero or more.")]
    public decimal? Threshold { get; set; }

    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "A country is a two-letter ISO code such as US.")]
    public string? Country { get; set; }

    [StringLength(10, ErrorMessage = "A state code has at most {1} characters.")]
    public string? State { get; set; }

    [Display(Name = "Customer e-mail")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address.")]
    public string? CustomerEmail { get; set; }

    [RegularExpression("^[A-Za-z0-9_-]{3,40}$", ErrorMessage = "A code has 3 to 40 letters, digits, dashes or underscores.")]
    public string? Code { get; set; }

    [Display(Name = "Redemption limit")]
    [Range(1, int.MaxValue, ErrorMessage = "A redemption limit is at least 1 (or empty for none).")]
    public int? RedemptionLimit { get; set; }

    public int Version { get; set; }

    public static PromotionInput From(Promotion p) => new()
    {
        Name = p.Name,
        Kind = p.Kind,
        DiscountType = p.DiscountType,
        PercentOff = p.DiscountType == DiscountType.Percent ? p.PercentOff : null,
        AmountOff = p.DiscountType == DiscountType.Amount ? AdminMoney.ToMajor(p.AmountOff, p.Currency) : null,
        CapAmount = p.CapAmount is { } cap ? AdminMoney.ToMajor(cap, p.Currency) : null,
        Stackable = p.Stackable,
        Priority = p.Priority,
        StartsAt = AdminTime.ForInput(p.StartsAt),
        EndsAt = AdminTime.ForInput(p.EndsAt),
        Threshold = p.ThresholdAmount is { } t ? AdminMoney.ToMajor(t, p.Currency) : null,
        Country = p.Country,
        State = p.State,
        Code = p.Code,
        RedemptionLimit = p.RedemptionLimit,
        Version = p.Version,
    };
}
