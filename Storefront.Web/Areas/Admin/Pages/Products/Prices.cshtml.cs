using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Web.Admin;
using Storefront.Web.Infrastructure;
using Storefront.Web.Money;

namespace Storefront.Web.Areas.Admin.Pages.Products;

/// <summary>
/// A product's prices. Prices are immutable once sold: a new amount is a new price and the old one is
/// deactivated. Every change is guarded by the product's version, which it moves on.
/// </summary>
public sealed class PricesModel(StorefrontDbContext db, AdminChanges changes, IOptions<ShopOptions> shop) : AdminPageModel
{
    public Product Product { get; private set; } = null!;

    [BindProperty]
    public NewPriceInput Input { get; set; } = new();

    [BindProperty]
    public ChangePriceInput Change { get; set; } = new();

    public int Version { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadProductAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new NewPriceInput { Currency = shop.Value.Currency, Interval = Product.Kind == ProductKind.Subscription ? BillingInterval.Month : BillingInterval.None };
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int id, int version, CancellationToken cancellationToken)
    {
        ValidateOnly(Input, nameof(Input));
        if (!await LoadProductAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Version = version;
        if (Product.Version != version)
        {
            // Before anything else: the page the admin decided on shows prices that have changed since.
            return await RedisplayAsync(StatusCodes.Status409Conflict, AdminChanges.ConflictMessage("price"), cancellationToken);
        }

        await CheckLookupKeyAsync(Input.LookupKey, "Input.LookupKey", cancellationToken);
        var currency = (Input.Currency ?? "").Trim().ToLowerInvariant();
        var amount = ValidAmount(Input.Amount, currency, "Input.Amount");
        if (!ModelState.IsValid)
        {
            return await InvalidAsync(cancellationToken);
        }

        Price? price = null;
        if (!TryApply(() => price = Product.AddPrice(currency, amount!.Value, Input.Interval, Input.LookupKey),
                new Dictionary<string, string> { ["unitAmount"] = "Input.Amount", ["currency"] = "Input.Currency" }))
        {
            return await InvalidAsync(cancellationToken);
        }

        var result = await changes.SaveAsync(AdminEntities.Price, price!, "price.added", null, Product, version, cancellationToken);
        return await AfterSaveAsync(result, $"Price {MoneyFormatter.Format(price!.UnitAmount, price.Currency)} added to {Product.Name}.",
            () => RedirectToPage(new { id }), cancellationToken);
    }

    /// <summary>A new amount: a new price with the same currency and interval, and the old one deactivated.</summary>
    public async Task<IActionResult> OnPostChangeAsync(int id, int version, CancellationToken cancellationToken)
    {
        ValidateOnly(Change, nameof(Change));
        if (!await LoadProductAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Version = version;
        if (Product.Version != version)
        {
            // Before anything else: the page the admin decided on shows prices that have changed since.
            return await RedisplayAsync(StatusCodes.Status409Conflict, AdminChanges.ConflictMessage("price"), cancellationToken);
        }

        var old = Product.Prices.FirstOrDefault(p => p.Id == Change.PriceId);
        if (old is null || !old.IsActive)
        {
            return await RedisplayAsync(StatusCodes.Status400BadRequest, "That price is not active any more; reload the page.", cancellationToken);
        }

        await CheckLookupKeyAsync(Change.LookupKey, "Change.LookupKey", cancellationToken);
        var amount = ValidAmount(Change.Amount, old.Currency, "Change.Amount");
        if (amount == old.UnitAmount)
        {
            ModelState.AddModelError("Change.Amount", "That is the current amount.");
        }

        if (!ModelState.IsValid)
        {
            return await InvalidAsync(cancellationToken);
        }

        var before = AdminEntities.Price.SnapshotJson(old);
        Price? price = null;
        if (!TryApply(() =>
            {
                price = Product.AddPrice(old.Currency, amount!.Value, old.Interval, Change.LookupKey);
                old.Deactivate();
            }, new Dictionary<string, string> { ["unitAmount"] = "Change.Amount" }))
        {
            return await InvalidAsync(cancellationToken);
        }

        var result = await changes.SaveAsync(AdminEntities.Price, price!, "price.changed", before, Product, version, cancellationToken);
        return await AfterSaveAsync(result,
            $"{Product.Name} now costs {MoneyFormatter.Format(price!.UnitAmount, price.Currency)}; the old price {MoneyFormatter.Format(old.UnitAmount, old.Currency)} is deactivated.",
            () => RedirectToPage(new { id }), cancellationToken);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int id, int version, int priceId, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!await LoadProductAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Version = version;
        if (Product.Version != version)
        {
            // Before anything else: the page the admin decided on shows prices that have changed since.
            return await RedisplayAsync(StatusCodes.Status409Conflict, AdminChanges.ConflictMessage("price"), cancellationToken);
        }

        var price = Product.Prices.FirstOrDefault(p => p.Id == priceId);
        if (price is null || !price.IsActive)
        {
            return await RedisplayAsync(StatusCodes.Status400BadRequest, "That price is not active any more; reload the page.", cancellationToken);
        }

        var before = AdminEntities.Price.SnapshotJson(price);
        price.Deactivate();
        var result = await changes.SaveAsync(AdminEntities.Price, price, "price.deactivated", before, Product, version, cancellationToken);
        return await AfterSaveAsync(result, $"Price {MoneyFormatter.Format(price.UnitAmount, price.Currency)} deactivated.",
            () => RedirectToPage(new { id }), cancellationToken);
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        // A refused post leaves unsaved prices in the context; show the stored ones.
        var id = Product.Id;
        db.ChangeTracker.Clear();
        await LoadProductAsync(id, cancellationToken);
    }

    private async Task<bool> LoadProductAsync(int id, CancellationToken cancellationToken)
    {
        var product = await db.Products.Include(p => p.Prices).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return false;
        }

        Product = product;
        Version = Version == 0 ? product.Version : Version;
        return true;
    }

    private async Task CheckLookupKeyAsync(string? lookupKey, string field, CancellationToken cancellationToken)
    {
        var key = lookupKey?.Trim();
        if (!string.IsNullOrEmpty(key) && await db.Prices.AnyAsync(p => p.LookupKey == key, cancellationToken))
        {
            ModelState.AddModelError(field, $"The lookup key '{key}' is already used by another price.");
        }
    }

    private long? ValidAmount(decimal? amount, string currency, string field)
    {
        if (amount is null || currency.Length != 3)
        {
            return null;
        }

        var minor = AdminMoney.ToMinor(amount.Value, currency);
        if (minor is null)
        {
            ModelState.AddModelError(field, $"{currency.ToUpperInvariant()} amounts have at most {CurrencyInfo.Decimals(currency)} decimals.");
        }

        return minor;
    }

    /// <summary>The page has two bound forms; only the posted one is validated.</summary>
    private void ValidateOnly(object form, string prefix)
    {
        ModelState.Clear();
        TryValidateModel(form, prefix);
    }
}

public sealed class NewPriceInput
{
    [Required(ErrorMessage = "Enter a currency.")]
    [RegularExpression("^[A-Za-z]{3}$", ErrorMessage = "A currency is a three-letter ISO code such as usd.")]
    public string? Currency { get; set; }

    [Required(ErrorMessage = "Enter an amount.")]
    [Range(typeof(decimal), "0", "1000000", ErrorMessage = "Enter an amount from {1} to {2}.")]
    public decimal? Amount { get; set; }

    public BillingInterval Interval { get; set; }

    [Display(Name = "Lookup key")]
    [StringLength(200, ErrorMessage = "A lookup key has at most {1} characters.")]
    public string? LookupKey { get; set; }
}

public sealed class ChangePriceInput
{
    public int PriceId { get; set; }

    [Required(ErrorMessage = "Enter the new amount.")]
    [Range(typeof(decimal), "0", "1000000", ErrorMessage = "Enter an amount from {1} to {2}.")]
    public decimal? Amount { get; set; }

    [Display(Name = "Lookup key")]
    [StringLength(200, ErrorMessage = "A lookup key has at most {1} characters.")]
    public string? LookupKey { get; set; }
}
