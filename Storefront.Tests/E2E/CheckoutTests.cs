using System.Text.RegularExpressions;
using Microsoft.Playwright;
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

    [Fact]
    public Task DeclinedCard_ShowsTheDecline_KeepsTheSessionOpen_ThenAGoodCardPays() => RunAsync(async page =>
    {
        AllowConsoleError("status of 402"); // Chromium logs the emulator's 402 card_error answer
        var cart = await Shop.AddToCartAsync(page, "French Press");
        var checkout = await cart.CheckoutAsync();
        var checkoutUrl = page.Url;

        await checkout.FillEmailAsync("declined.guest@example.test");
        await checkout.FillNewYorkAddressAsync();

        // $45.00 + Standard $5.00 + NY 8.875 % of $45.00 ($3.99375 → $3.99) = $53.99.
        await Expect(checkout.Tax).ToHaveTextAsync("$3.99");
        await Expect(checkout.Total).ToHaveTextAsync("$53.99");

        await checkout.FillCardAsync("4000 0000 0000 0002");
        await checkout.PayAsync();

        await Expect(checkout.Error).ToBeVisibleAsync();
        await Expect(checkout.Error).ToHaveTextAsync("Your card was declined.");
        Assert.Equal(checkoutUrl, page.Url);
        await Expect(checkout.PayButton).ToBeEnabledAsync();
        await Expect(checkout.Total).ToHaveTextAsync("$53.99");

        await checkout.FillCardAsync(Visa);
        await checkout.PayAsync();

        var result = new ReturnPage(page);
        await Expect(result.Paid).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(result.OrderNumber).Not.ToBeEmptyAsync();
        await Expect(result.OrderTotal).ToHaveTextAsync("$53.99");
    });

    [Fact]
    public Task GuestSubscribesToRoastersChoiceMonthly_AndPays() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Roaster's Choice Subscription", billing: "Monthly");
        var checkout = await cart.CheckoutAsync();

        await Expect(checkout.IntervalSwitch).ToHaveAttributeAsync("aria-checked", "false");
        await Expect(checkout.SummaryLineTotal("Roaster's Choice Subscription")).ToHaveTextAsync("$22.00");
        await Expect(checkout.SummaryLine("Roaster's Choice Subscription")).ToContainTextAsync("billed every month");
        await Expect(checkout.Total).ToHaveTextAsync("$22.00");
        await Expect(page.Locator("#shipping-address-element")).ToHaveCountAsync(0); // subscriptions ship nothing

        await checkout.FillEmailAsync("subscriber.guest@example.test");
        await checkout.FillCardAsync(Visa);
        await Expect(checkout.PayButton).ToHaveTextAsync("Pay $22.00");
        await checkout.PayAsync();

        var result = new ReturnPage(page);
        await Expect(result.Paid).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(result.Heading).ToHaveTextAsync("Thank you — payment received");
        await Expect(result.OrderNumber).Not.ToBeEmptyAsync();
        await Expect(result.OrderTotal).ToHaveTextAsync("$22.00");
    });

    [Fact]
    public Task GuestWithoutAnEmail_CannotPay() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Latte Art Course");
        var checkout = await cart.CheckoutAsync();
        await Expect(checkout.Total).ToHaveTextAsync("$29.00");

        await checkout.FillCardAsync(Visa);

        // Everything but the e-mail is complete: Stripe.js says the session cannot be confirmed, so Pay stays off.
        await Expect(checkout.PayButton).ToHaveTextAsync("Pay $29.00");
        await Expect(checkout.PayButton).ToBeDisabledAsync();

        // Typing an address and then clearing it sends an empty e-mail, which Stripe.js refuses with its message.
        await checkout.FillEmailAsync("someone@example.test");
        await Expect(checkout.PayButton).ToBeEnabledAsync();
        await checkout.FillEmailAsync("");
        await Expect(checkout.Error).ToHaveTextAsync("Enter your email address.");
        await Expect(checkout.PayButton).ToBeDisabledAsync();
        Assert.Equal("/checkout", new Uri(page.Url).AbsolutePath);
    });

    [Fact]
    public Task CardNeedingAuthentication_PaysAfterTheTestDialogIsCompleted() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Brewing Masterclass");
        var checkout = await cart.CheckoutAsync();
        await Expect(checkout.Total).ToHaveTextAsync("$39.00");

        await checkout.FillEmailAsync("three.d.secure@example.test");
        await checkout.FillCardAsync("4000 0025 0000 3155");
        await checkout.PayAsync();

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Authenticate payment (test)" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" }).ClickAsync();

        var result = new ReturnPage(page);
        await Expect(result.Paid).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(result.OrderTotal).ToHaveTextAsync("$39.00");
    });

    [Fact]
    public Task FailedAuthentication_ShowsStripesMessage_AndTheSessionStaysOpen() => RunAsync(async page =>
    {
        AllowConsoleError("status of 402"); // Chromium logs the emulator's 402 card_error answer
        var cart = await Shop.AddToCartAsync(page, "Latte Art Course");
        var checkout = await cart.CheckoutAsync();
        await checkout.FillEmailAsync("failed.auth@example.test");
        await checkout.FillCardAsync("4000 0025 0000 3155");
        await checkout.PayAsync();

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Authenticate payment (test)" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Fail authentication" }).ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(checkout.Error).ToHaveTextAsync(
            "We are unable to authenticate your payment method. Please choose a different payment method and try again.");
        Assert.Equal("/checkout", new Uri(page.Url).AbsolutePath);
        await Expect(checkout.Total).ToHaveTextAsync("$29.00");
        await Expect(checkout.PayButton).ToBeEnabledAsync();
    });
}
