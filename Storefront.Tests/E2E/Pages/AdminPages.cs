using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.E2E.Pages;

/// <summary>The admin area's product, price, stock, loyalty and order pages (forms found by their labels).</summary>
public sealed class AdminPages(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private ILocator Main => page.GetByRole(AriaRole.Main);

    /// <summary>Creates a product and returns its id (the app then shows its Prices page).</summary>
    public async Task<int> CreateProductAsync(string slug, string name, string category, string kind, string description)
    {
        await page.GotoAsync("/Admin/Products/Edit");
        await Expect(Heading).ToHaveTextAsync("New product");
        await Main.GetByLabel("Slug", new() { Exact = true }).FillAsync(slug);
        await Main.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Main.GetByLabel("Category", new() { Exact = true }).FillAsync(category);
        // A select's accessible name includes its chosen option ("Kind Physical"), so match the label's start.
        await Main.GetByLabel(new Regex("^Kind")).SelectOptionAsync(new SelectOptionValue { Label = kind });
        await Main.GetByLabel("Description", new() { Exact = true }).FillAsync(description);
        await Main.GetByRole(AriaRole.Button, new() { Name = "Create product", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/Admin/Products/Prices/\d+$"));
        var match = Regex.Match(new Uri(page.Url).AbsolutePath, @"/(\d+)$");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>On the Prices page: adds a one-off price such as "18.50".</summary>
    public async Task AddPriceAsync(int productId, string amount)
    {
        await page.GotoAsync($"/Admin/Products/Prices/{productId}");
        var form = page.Locator("form.add-price");
        await form.GetByLabel("Amount", new() { Exact = true }).FillAsync(amount);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add price", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/Admin/Products/Prices/{productId}$"));
    }

    public ILocator PriceAmounts => page.Locator("td.price-amount");

    public async Task AdjustStockAsync(int productId, int delta, string reason)
    {
        await page.GotoAsync($"/Admin/Products/Stock/{productId}");
        await Main.GetByLabel("Change (units, negative to remove)").FillAsync(delta.ToString(CultureInfo.InvariantCulture));
        await Main.GetByLabel("Reason", new() { Exact = true }).FillAsync(reason);
        await Main.GetByRole(AriaRole.Button, new() { Name = "Adjust stock", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/Admin/Products/Stock/{productId}$"));
    }

    public ILocator StockOnHand => page.Locator("dd.stock-on-hand");

    public ILocator StockAvailable => page.Locator("dd.stock-available");

    /// <summary>Opens a loyalty tier from the tier list and saves a new percent off.</summary>
    public async Task SetTierPercentAsync(string tier, int percent)
    {
        await page.GotoAsync("/Admin/Loyalty");
        await page.Locator("tr.tier-row").GetByRole(AriaRole.Link, new() { Name = tier, Exact = true }).ClickAsync();
        await Main.GetByLabel("Percent off", new() { Exact = true }).FillAsync(percent.ToString(CultureInfo.InvariantCulture));
        await Main.GetByRole(AriaRole.Button, new() { Name = "Save tier", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Admin/Loyalty/?$"));
    }

    public ILocator TierRow(string tier) =>
        page.Locator("tr.tier-row").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = tier, Exact = true }) });

    public async Task OpenOrdersAsync() => await page.GotoAsync("/Admin/Orders");

    public ILocator OrderRow(string number) =>
        Main.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
}
