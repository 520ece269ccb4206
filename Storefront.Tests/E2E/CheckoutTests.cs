using System.Text.RegularExpressions;
using Storefront.Tests.E2E.Infrastructure;
using Storefront.Tests.E2E.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.E2E;

/// <summary>Paying through the Stripe emulator's test forms, from cart to the return page.</summary>
[Collection(E2ECollection.Name)]
public sealed class CheckoutTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const string Visa = "4242 4242 4242 4242";

    [Fact]
    public Task GuestBuysAKettle_ToNewYork_PaysTaxAndSeesTheOrder() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Gooseneck Kettle");
        var checkout = await cart.CheckoutAsync();
        await Expect(checkout.SummaryLineTotal("Gooseneck Kettle")).ToHaveTextAsync("$59.00");
        await Expect(checkout.Subtotal).ToHaveTextAsync("$59.00");
        await Expect(checkout.PayButton).ToBeDisabledAsync();

        await checkout.FillEmailAsync("kettle.guest@example.test");
        await checkout.FillNewYorkAddressAsync();

        // NY 8.875 % on $59.00 = $5.236 → $5.24; US Standard $5.00 (free only over $75).
        await Expect(checkout.Tax).ToHaveTextAsync("$5.24");
        await Expect(checkout.Shipping).ToHaveTextAsync("$5.00");
        await Expect(checkout.Total).ToHaveTextAsync("$69.24");

        await checkout.FillCardAsync(Visa);
        await Expect(checkout.PayButton).ToHaveTextAsync("Pay $69.24");
        await checkout.PayAsync();

        var result = new ReturnPage(page);
        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/return\?session_id="), new() { Timeout = 30_000 });
        await Expect(result.Paid).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(result.Heading).ToHaveTextAsync("Thank you — payment received");
        await Expect(result.OrderNumber).Not.ToBeEmptyAsync();
        await Expect(result.OrderTotal).ToHaveTextAsync("$69.24");
    });
}
