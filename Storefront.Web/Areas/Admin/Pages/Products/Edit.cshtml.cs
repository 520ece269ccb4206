using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Web.Admin;

namespace Storefront.Web.Areas.Admin.Pages.Products;

/// <summary>Create (no id) or edit a product; activate and deactivate it.</summary>
public sealed class EditModel(StorefrontDbContext db, AdminChanges changes) : AdminPageModel
{
    [BindProperty]
    public ProductInput Input { get; set; } = new();

    public Product? Product { get; private set; }

    public bool IsNew => Product is null;

    public async Task<IActionResult> OnGetAsync(int? id, ProductKind? kind, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Input.Kind = kind ?? ProductKind.Physical;
            return Page();
        }

        Product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Product is null)
        {
            return NotFound();
        }

        Input = ProductInput.From(Product);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Product? product = null;
        if (id is not null)
        {
            product = await db.Products.Include(p => p.Prices).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (product is null)
            {
                return NotFound();
            }

            Product = product;
        }

        if (product is null)
        {
            var slug = Input.Slug?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(slug))
            {
                ModelState.AddModelError("Input.Slug", "Enter a slug.");
            }
            else if (await db.Products.AnyAsync(p => p.Slug == slug, cancellationToken))
            {
                ModelState.AddModelError("Input.Slug", $"The slug '{slug}' is already used by another product.");
            }
        }
        else if (Input.Kind != product.Kind && product.Prices.Any(p => p.IsActive && p.IsRecurring != (Input.Kind == ProductKind.Subscription)))
        {
            ModelState.AddModelError("Input.Kind", "Its active prices do not fit that kind (subscriptions are priced per month or year). Deactivate them first.");
        }

        if (!ModelState.IsValid)
        {
            return await InvalidAsync(cancellationToken);
        }

        var before = AdminEntities.Product.SnapshotJson(product);
        if (!TryApply(() =>
            {
                if (product is null)
                {
                    product = new Product(Input.Slug!, Input.Name, Input.Category, Input.Kind);
                    db.Products.Add(product);
                }

                product.Rename(Input.Name);
                product.Categorise(Input.Category);
                product.ChangeKind(Input.Kind);
                product.Describe(Input.Description, Input.ImageUrl);
            }))
        {
            return await InvalidAsync(cancellationToken);
        }

        var created = id is null;
        var result = await changes.SaveAsync(AdminEntities.Product, product!, created ? "product.created" : "product.updated", before,
            created ? null : Input.Version, cancellationToken);
        return await AfterSaveAsync(result, created ? $"Product \"{product!.Name}\" created. Add a price next." : $"Product \"{product!.Name}\" saved.",
            () => created ? RedirectToPage("Prices", new { id = product.Id }) : RedirectToPage(new { id = product.Id }), cancellationToken);
    }

    public Task<IActionResult> OnPostActivateAsync(int id, int version, CancellationToken cancellationToken) =>
        SetActiveAsync(id, version, true, cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(int id, int version, CancellationToken cancellationToken) =>
        SetActiveAsync(id, version, false, cancellationToken);

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Product is not null)
        {
            // Show the stored row's name and state, but keep the posted form values.
            await db.Entry(Product).ReloadAsync(cancellationToken);
        }
    }

    private async Task<IActionResult> SetActiveAsync(int id, int version, bool active, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }

        Product = product;
        Input = ProductInput.From(product);
        Input.Version = version;
        var before = AdminEntities.Product.SnapshotJson(product);
        if (active)
        {
            product.Activate();
        }
        else
        {
            product.Deactivate();
        }

        var result = await changes.SaveAsync(AdminEntities.Product, product, active ? "product.activated" : "product.deactivated", before, version, cancellationToken);
        return await AfterSaveAsync(result, $"Product \"{product.Name}\" {(active ? "activated" : "deactivated")}.",
            () => RedirectToPage(new { id }), cancellationToken);
    }
}

public sealed class ProductInput
{
    [Display(Name = "Slug")]
    [StringLength(Product.MaxSlugLength, ErrorMessage = "A slug has at most {1} characters.")]
    [RegularExpression("^[a-z0-9-]+$", ErrorMessage = "A slug uses lower-case letters, digits and dashes.")]
    public string? Slug { get; set; }

    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(Product.MaxNameLength, ErrorMessage = "A name has at most {1} characters.")]
    public string Name { get; set; } = "";

    [StringLength(4000, ErrorMessage = "A description has at most {1} characters.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Enter a category.")]
    [StringLength(60, ErrorMessage = "A category has at most {1} characters.")]
    public string Category { get; set; } = "";

    public ProductKind Kind { get; set; }

    [Display(Name = "Image URL")]
    [StringLength(500, ErrorMessage = "An image URL has at most {1} characters.")]
    [RegularExpression(@"^(/[^\s]*|https?://[^\s]+)$", ErrorMessage = "Use a site path such as /img/products/x.svg or an http(s) address.")]
    public string? ImageUrl { get; set; }

    public int Version { get; set; }

    public static ProductInput From(Product p) => new()
    {
        Slug = p.Slug,
        Name = p.Name,
        Description = p.Description,
        Category = p.Category,
        Kind = p.Kind,
        ImageUrl = p.ImageUrl,
        Version = p.Version,
    };
}
