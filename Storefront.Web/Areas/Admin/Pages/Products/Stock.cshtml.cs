using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Data.Inventory;
using Storefront.Web.Admin;

namespace Storefront.Web.Areas.Admin.Pages.Products;

/// <summary>On hand, held by open checkouts, available; adjust on hand by a delta with a reason (never below zero).</summary>
public sealed class StockModel(StorefrontDbContext db, AdminChanges changes) : AdminPageModel
{
    public Product Product { get; private set; } = null!;

    public StockLevel? Level { get; private set; }

    public int OnHand => Level?.OnHand ?? 0;

    public int Held { get; private set; }

    public int Available => Math.Max(0, OnHand - Held);

    [BindProperty]
    public StockInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadProductAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new StockInput { Version = Level?.Version ?? 0 };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadProductAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Product.TracksStock)
        {
            return await RedisplayAsync(StatusCodes.Status400BadRequest, $"{Product.Kind} products are not stock-tracked.", cancellationToken);
        }

        if (Level is not null && Level.Version != Input.Version)
        {
            // Checked before the arithmetic: a stale page would judge the change against numbers that are gone.
            return await RedisplayAsync(StatusCodes.Status409Conflict, AdminChanges.ConflictMessage("stock level"), cancellationToken);
        }

        if (Input.Delta is 0)
        {
            ModelState.AddModelError("Input.Delta", "Enter a change other than zero.");
        }
        else if (Input.Delta is { } delta && OnHand + (long)delta < 0)
        {
            ModelState.AddModelError("Input.Delta", $"On hand cannot go below zero: there are {OnHand} on hand, so the change must be at least {-OnHand}.");
        }

        if (!ModelState.IsValid)
        {
            return await InvalidAsync(cancellationToken);
        }

        var before = Level is null ? null : AdminEntities.Stock.SnapshotJson(Level);
        var level = Level;
        if (!TryApply(() =>
            {
                if (level is null)
                {
                    level = new StockLevel(Product.Id, Input.Delta!.Value);
                    db.StockLevels.Add(level);
                }
                else
                {
                    level.Adjust(Input.Delta!.Value);
                }
            }, new Dictionary<string, string> { ["onHand"] = "Input.Delta" }))
        {
            return await InvalidAsync(cancellationToken);
        }

        // The reason travels in the audit entry's after image.
        var kind = AdminEntities.Stock with { Snapshot = s => new { s.ProductId, s.OnHand, Input.Delta, Reason = Input.Reason!.Trim() } };
        var result = await changes.SaveAsync(kind, level!, "stock.adjusted", before, Level is null ? null : Input.Version, cancellationToken);
        return await AfterSaveAsync(result, $"Stock of {Product.Name} adjusted by {Input.Delta:+#;-#}: {level!.OnHand} on hand.",
            () => RedirectToPage(new { id }), cancellationToken);
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        var id = Product.Id;
        db.ChangeTracker.Clear();
        await LoadProductAsync(id, cancellationToken);
    }

    private async Task<bool> LoadProductAsync(int id, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return false;
        }

        Product = product;
        Level = await db.StockLevels.FirstOrDefaultAsync(s => s.ProductId == id, cancellationToken);
        var now = changes.Now;
        Held = await db.InventoryHolds.Where(h => h.ProductId == id && h.ExpiresAt > now).SumAsync(h => (int?)h.Quantity, cancellationToken) ?? 0;
        return true;
    }
}

public sealed class StockInput
{
    [Required(ErrorMessage = "Enter a change, such as 10 or -3.")]
    [Range(-100000, 100000, ErrorMessage = "Enter a change from {1} to {2}.")]
    public int? Delta { get; set; }

    [Required(ErrorMessage = "Enter a reason for the adjustment.")]
    [StringLength(200, ErrorMessage = "A reason has at most {1} characters.")]
    public string? Reason { get; set; }

    public int Version { get; set; }
}
