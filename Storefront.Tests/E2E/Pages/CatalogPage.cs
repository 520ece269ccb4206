using Microsoft.Playwright;

namespace Storefront.Tests.E2E.Pages;

/// <summary>The catalog at "/" (optionally filtered by category).</summary>
public sealed class CatalogPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Categories => page.GetByRole(AriaRole.Navigation, new() { Name = "Categories" });

    /// <summary>One list item per product card.</summary>
    public ILocator ProductCards => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.List).GetByRole(AriaRole.Listitem);

    public async Task<CatalogPage> OpenAsync()
    {
        await page.GotoAsync("/");
        return this;
    }

    public async Task<CatalogPage> FilterByCategoryAsync(string category)
    {
        await Categories.GetByRole(AriaRole.Link, new() { Name = category, Exact = true }).ClickAsync();
        return this;
    }

    public async Task<ProductPage> OpenProductAsync(string name)
    {
        await ProductCards.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        return new ProductPage(page);
    }

    public async Task<IReadOnlyList<string>> ProductNamesAsync() =>
        await ProductCards.GetByRole(AriaRole.Heading, new() { Level = 2 }).AllInnerTextsAsync();

    /// <summary>The category printed on each card, in card order.</summary>
    public async Task<IReadOnlyList<string>> CardCategoriesAsync() =>
        await ProductCards.Locator(".category").AllInnerTextsAsync();
}
