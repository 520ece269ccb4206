using Microsoft.Playwright;

namespace Storefront.Tests.E2E.Pages;

/// <summary>The cart at "/cart".</summary>
public sealed class CartPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The confirmation shown after adding an item.</summary>
    public ILocator Notice => page.GetByRole(AriaRole.Status);

    public ILocator Table => page.GetByRole(AriaRole.Table);

    /// <summary>The cart lines (body rows whose row header names a product).</summary>
    public ILocator Lines => Table.Locator("tbody").GetByRole(AriaRole.Row);

    public ILocator Line(string productName) =>
        Lines.Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = productName, Exact = true }) });

    public ILocator LineQuantity(string productName) =>
        Line(productName).GetByLabel($"Quantity of {productName}", new() { Exact = true });

    /// <summary>The unit price cell, e.g. "$220.00 / year".</summary>
    public ILocator LineUnitPrice(string productName) => Line(productName).GetByRole(AriaRole.Cell).First;

    public ILocator LineTotal(string productName) => Line(productName).Locator(".cart-line-total");

    public ILocator SubtotalRow => Table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Subtotal") }) });

    public ILocator Subtotal => SubtotalRow.Locator(".cart-subtotal");

    public async Task<CartPage> OpenAsync()
    {
        await page.GotoAsync("/cart");
        return this;
    }

    /// <summary>Starts a Stripe Checkout Session for the cart and waits for the checkout page to be ready.</summary>
    public async Task<CheckoutPage> CheckoutAsync()
    {
        await page.Locator("form.checkout-start").GetByRole(AriaRole.Button, new() { Name = "Checkout", Exact = true }).ClickAsync();
        return await new CheckoutPage(page).WaitReadyAsync();
    }
}
