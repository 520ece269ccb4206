using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.E2E.Pages;

/// <summary>Short journeys several tests start with.</summary>
public static class Shop
{
    /// <summary>Opens a product from the catalog and adds it to the cart.</summary>
    public static async Task<CartPage> AddToCartAsync(IPage page, string product, int quantity = 1, string? billing = null)
    {
        var catalog = await new CatalogPage(page).OpenAsync();
        var detail = await catalog.OpenProductAsync(product);
        await Expect(detail.Heading).ToHaveTextAsync(product);
        if (billing is not null)
        {
            await detail.ChooseBillingAsync(billing);
        }
        else
        {
            await detail.SetQuantityAsync(quantity);
        }

        return await detail.AddToCartAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    }
}
