using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Data.Carts;
using Storefront.Data.Catalog;
using Storefront.Web.Carts;
using Storefront.Web.Catalog;

namespace Storefront.Web.Pages.Products;

public sealed class DetailsModel(CatalogQueries catalog, CartService carts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = "";

    [BindProperty]
    public AddToCartInput Input { get; set; } = new();

    public ProductDetails? Product { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Product = await catalog.FindAsync(Slug, cancellationToken);
        if (Product is null)
        {
            return NotFound();
        }

        Input.Interval = Product.IsSubscription ? BillingInterval.Month : BillingInterval.None;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Product = await catalog.FindAsync(Slug, cancellationToken);
        if (Product is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Rejected(StatusCodes.Status400BadRequest, FirstError() ?? "Check the quantity and try again.");
        }

        try
        {
            await carts.AddAsync(Slug, Input.Interval, Input.Quantity, cancellationToken);
        }
        catch (CartRuleException ex)
        {
            return Rejected(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (CartConflictException ex)
        {
            return Rejected(StatusCodes.Status409Conflict, ex.Message);
        }

        TempData["Notice"] = $"Added {Input.Quantity} × {Product.Name} to your cart.";
        return RedirectToPage("/Cart/Index");
    }

    private PageResult Rejected(int status, string message)
    {
        Response.StatusCode = status;
        ViewData["Error"] = message;
        return Page();
    }

    private string? FirstError() =>
        ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrEmpty(m));

    public sealed class AddToCartInput
    {
        [Range(1, CartLimits.MaxQuantityPerLine, ErrorMessage = "Choose a quantity from 1 to {2}.")]
        public int Quantity { get; set; } = 1;

        public BillingInterval Interval { get; set; }
    }
}
