using Microsoft.Playwright;

namespace Storefront.Tests.E2E.Pages;

/// <summary>A product's detail page with its add-to-cart form.</summary>
public sealed class ProductPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The one-time price shown for a physical or digital product.</summary>
    public ILocator Price => page.GetByRole(AriaRole.Main).Locator(".product-price .price");

    public ILocator Quantity => page.GetByLabel("Quantity", new() { Exact = true });

    public ILocator Billing => page.GetByRole(AriaRole.Group, new() { Name = "Billing" });

    public ILocator BillingOption(string interval) => Billing.GetByRole(AriaRole.Radio, new() { Name = interval });

    public ILocator AddToCartButton => page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" });

    public async Task SetQuantityAsync(int quantity) => await Quantity.FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Picks "Monthly" or "Yearly" for a subscription.</summary>
    public async Task ChooseBillingAsync(string interval) => await BillingOption(interval).CheckAsync();

    public async Task<CartPage> AddToCartAsync()
    {
        await AddToCartButton.ClickAsync();
        await page.WaitForURLAsync("**/cart");
        return new CartPage(page);
    }
}
