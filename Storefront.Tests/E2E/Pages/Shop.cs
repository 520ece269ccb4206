using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Tests.Support;
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

    /// <summary>
    /// Signs in on the account page; an account with two-factor sign-in continues on the code page with a code
    /// computed from <paramref name="authenticatorKey"/> (by default the development admin's key).
    /// </summary>
    public static async Task SignInAsync(IPage page, string email, string password, string authenticatorKey = Totp.DevAdminKey)
    {
        var login = new SignInPage(page);
        await login.OpenAsync();
        await login.SubmitAsync(email, password);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Identity/Account/Login(\\?|$)", RegexOptions.IgnoreCase));
        if (page.Url.Contains("/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            await login.EnterCodeAsync(Totp.Code(authenticatorKey));
            await Expect(page).Not.ToHaveURLAsync(new Regex("/LoginWith2fa", RegexOptions.IgnoreCase));
        }
    }
}
