using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Tests.E2E.Infrastructure;
using Storefront.Tests.E2E.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.E2E;

/// <summary>
/// The discount journeys in both discount modes, with the same figures on screen and on the return page: LinePrices
/// (Stripe sees lower line prices; the page names the server's discount and shows the list subtotal) and Preview
/// (Stripe carries the discount itself).
/// </summary>
public abstract class DiscountModeJourneys<TFixture>(TFixture fixture, ITestOutputHelper output) : E2ETest<TFixture>(fixture, output)
    where TFixture : BrowserAppFixture
{
    /// <summary>"LinePrices" or "Preview": what the page says the server used.</summary>
    protected abstract string Mode { get; }

    private static async Task ExpectModeAsync(IPage page, string mode)
    {
        var pricing = JsonNode.Parse(await page.Locator("#checkout-discount").TextContentAsync() ?? "null");
        Assert.Equal(mode, (string?)pricing?["discountMode"]);
    }

    [Fact]
    public Task GuestOver100Dollars_PaysTheDiscountedTaxedTotal() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Conical Burr Grinder");
        var checkout = await cart.CheckoutAsync();
        await ExpectModeAsync(page, Mode);
        await checkout.FillEmailAsync($"discount.{Mode.ToLowerInvariant()}@example.test");
        await checkout.FillNewYorkAddressAsync();

        // $129.00 − 10 % ($12.90) = $116.10, free Standard shipping (over $75), NY 8.875 % of $116.10 = $10.30.
        await Expect(checkout.Subtotal).ToHaveTextAsync("$129.00");
        await Expect(checkout.DiscountLabel).ToHaveTextAsync("Discount (Spend 100, save 10 %)");
        await Expect(checkout.Discount).ToHaveTextAsync("-$12.90");
        await Expect(checkout.Shipping).ToHaveTextAsync("$0.00");
        await Expect(checkout.Tax).ToHaveTextAsync("$10.30");
        await Expect(checkout.Total).ToHaveTextAsync("$126.40");
        await checkout.ExpectTotalsAddUpAsync();

        await checkout.FillCardAsync("4242 4242 4242 4242");
        await Expect(checkout.PayButton).ToHaveTextAsync("Pay $126.40");
        await checkout.PayAsync();
        var result = new ReturnPage(page);
        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/return\?session_id="), new() { Timeout = 30_000 });
        await Expect(result.Paid).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(result.OrderTotal).ToHaveTextAsync("$126.40");
    });

    [Fact]
    public Task PromotionCode_AppliesAndGoes_WithTheDiscountLineNamed() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Latte Art Course");
        var checkout = await cart.CheckoutAsync();
        await ExpectModeAsync(page, Mode);
        await Expect(checkout.Total).ToHaveTextAsync("$29.00");
        await Expect(checkout.Discount).ToBeHiddenAsync();

        await checkout.ApplyPromotionCodeAsync("WELCOME10");
        // 10 % of $29.00 = $2.90.
        await Expect(checkout.DiscountLabel).ToHaveTextAsync(new Regex(@"^Discount \(.+\)$"));
        await Expect(checkout.Discount).ToHaveTextAsync("-$2.90");
        await Expect(checkout.Subtotal).ToHaveTextAsync("$29.00");
        await Expect(checkout.Total).ToHaveTextAsync("$26.10");
        await checkout.ExpectTotalsAddUpAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove code", Exact = true }).ClickAsync();
        await checkout.WaitIdleAsync();
        await Expect(checkout.Discount).ToBeHiddenAsync();
        await Expect(checkout.Subtotal).ToHaveTextAsync("$29.00");
        await Expect(checkout.Total).ToHaveTextAsync("$29.00");
        await checkout.ExpectTotalsAddUpAsync();
    });

    [Fact]
    public Task YearlySubscription_UsesLinePricesInEveryMode_AndStillNamesTheDiscount() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Roaster's Choice Subscription", billing: "Monthly");
        var checkout = await cart.CheckoutAsync();
        // A discount inside a recurring price renews with it in both modes, so subscriptions always use LinePrices.
        await ExpectModeAsync(page, "LinePrices");

        await checkout.IntervalSwitch.ClickAsync();
        // $220.00 a year: "Spend 100, save 10 %" is $22.00, capped at $20.00.
        await Expect(checkout.IntervalSwitch).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(checkout.Subtotal).ToHaveTextAsync("$220.00");
        await Expect(checkout.DiscountLabel).ToHaveTextAsync("Discount (Spend 100, save 10 %)");
        await Expect(checkout.Discount).ToHaveTextAsync("-$20.00");
        await Expect(checkout.Total).ToHaveTextAsync("$200.00");
        await checkout.ExpectTotalsAddUpAsync();

        await checkout.FillEmailAsync($"yearly.{Mode.ToLowerInvariant()}@example.test");
        await checkout.FillCardAsync("4242 4242 4242 4242");
        await Expect(checkout.PayButton).ToHaveTextAsync("Pay $200.00");
        await checkout.PayAsync();
        var result = new ReturnPage(page);
        await Expect(result.Paid).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(result.OrderTotal).ToHaveTextAsync("$200.00");
    });
}

/// <summary>The default mode, on the shared "e2e" app.</summary>
[Collection(E2ECollection.Name)]
public sealed class LinePricesDiscountJourneys(E2EFixture fixture, ITestOutputHelper output)
    : DiscountModeJourneys<E2EFixture>(fixture, output)
{
    protected override string Mode => "LinePrices";
}

/// <summary>Stripe's discount preview, on its own app.</summary>
[Collection(PreviewE2ECollection.Name)]
public sealed class PreviewDiscountJourneys(PreviewE2EFixture fixture, ITestOutputHelper output)
    : DiscountModeJourneys<PreviewE2EFixture>(fixture, output)
{
    protected override string Mode => "Preview";
}
