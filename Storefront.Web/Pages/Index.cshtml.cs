using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Web.Catalog;

namespace Storefront.Web.Pages;

public sealed class IndexModel(CatalogQueries catalog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyList<ProductCard> Products { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Categories = await catalog.CategoriesAsync(cancellationToken);
        if (Category is not null && !Categories.Contains(Category))
        {
            return NotFound();
        }

        Products = await catalog.ListAsync(Category, cancellationToken);
        return Page();
    }
}
