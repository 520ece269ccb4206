using Storefront.Tests.E2E.Infrastructure;
using Storefront.Tests.E2E.Pages;
using Xunit.Abstractions;

namespace Storefront.Tests.E2E;

/// <summary>The cart and the checkout on a 375 px wide phone: nothing may make the page scroll sideways.</summary>
[Collection(E2ECollection.Name)]
public sealed class PhoneLayoutTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const int PhoneWidth = 375;

    /// <summary>Elements whose right edge passes the viewport (the page's own scroll width says the same in one number).</summary>
    private static async Task ExpectNoSidewaysScrollAsync(Microsoft.Playwright.IPage page, string where)
    {
        var overflow = await page.EvaluateAsync<string[]>("""
            width => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > width + 0.5 && getComputedStyle(e).position !== 'fixed')
              .slice(0, 8)
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' → ' + Math.round(e.getBoundingClientRect().right))
            """, PhoneWidth);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= PhoneWidth, $"{where} is {scrollWidth} px wide at {PhoneWidth} px: " + string.Join(", ", overflow));
    }

    [Fact]
    public Task CartAndCheckout_FitA375PxPhone() => RunAsync(async page =>
    {
        await page.SetViewportSizeAsync(PhoneWidth, 800);
        await Shop.AddToCartAsync(page, "Roaster's Choice Subscription", billing: "Monthly");
        var cart = await Shop.AddToCartAsync(page, "Pour-Over Dripper");
        await ExpectNoSidewaysScrollAsync(page, "The cart");

        var checkout = await cart.CheckoutAsync();
        await checkout.FillNewYorkAddressAsync();
        await checkout.WaitIdleAsync();
        await ExpectNoSidewaysScrollAsync(page, "The checkout");
    });
}
