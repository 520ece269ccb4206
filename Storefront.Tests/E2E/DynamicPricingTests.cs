using Microsoft.Playwright;
using Storefront.Tests.E2E.Infrastructure;
using Storefront.Tests.E2E.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.E2E;

/// <summary>
/// Shopper actions on the checkout page re-price the order on the server; every amount asserted here is read from
/// the page after Stripe.js re-rendered the session. Without an address the shop's default country (US) applies and
/// no tax is charged yet.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DynamicPricingTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task YearlySwitch_Bills220DollarsAYear_LessTheSpend100Promotion() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Roaster's Choice Subscription", billing: "Monthly");
        var checkout = await cart.CheckoutAsync();
        await Expect(checkout.IntervalSwitch).ToHaveAttributeAsync("aria-checked", "false");
        await Expect(checkout.SummaryLineTotal("Roaster's Choice Subscription")).ToHaveTextAsync("$22.00");
        await Expect(checkout.YearlySaving).ToHaveTextAsync("Save $44.00 a year"); // 12 × $22.00 − $220.00

        await checkout.IntervalSwitch.ClickAsync();

        // $220.00 a year crosses $100: "Spend 100, save 10 %" takes 10 % = $22.00, capped at $20.00. The summary
        // line shows Stripe's line total, which is after the discount.
        await Expect(checkout.IntervalSwitch).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(checkout.Subtotal).ToHaveTextAsync("$220.00");
        await Expect(checkout.SummaryLine("Roaster's Choice Subscription")).ToContainTextAsync("billed every year");
        await Expect(checkout.DiscountLabel).ToHaveTextAsync("Discount (Spend 100, save 10 %)");
        await Expect(checkout.Discount).ToHaveTextAsync("-$20.00");
        await Expect(checkout.SummaryLineTotal("Roaster's Choice Subscription")).ToHaveTextAsync("$200.00");
        await Expect(checkout.Total).ToHaveTextAsync("$200.00");
        await Expect(checkout.PayButton).ToHaveTextAsync("Pay $200.00");
        await checkout.ExpectTotalsAddUpAsync();

        // The choice is the server's: a reload shows the yearly price again.
        await page.ReloadAsync();
        await checkout.WaitReadyAsync();
        await Expect(checkout.IntervalSwitch).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(checkout.Subtotal).ToHaveTextAsync("$220.00");
        await Expect(checkout.Total).ToHaveTextAsync("$200.00");
        await Expect(checkout.YearlySaving).ToHaveTextAsync("Save $44.00 a year");
    });

    [Fact]
    public Task GiftWrapAndExtendedWarranty_AddTwentyFiveDollars() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Ethiopia Yirgacheffe", quantity: 2);
        var checkout = await cart.CheckoutAsync();
        // 2 × $19.00 = $38.00, Standard shipping $5.00 (under $75).
        await Expect(checkout.Subtotal).ToHaveTextAsync("$38.00");
        await Expect(checkout.Shipping).ToHaveTextAsync("$5.00");
        await Expect(checkout.Total).ToHaveTextAsync("$43.00");

        await checkout.AddOn("Gift Wrap").CheckAsync();
        await Expect(checkout.SummaryLineTotal("Gift Wrap")).ToHaveTextAsync("$5.00");
        await Expect(checkout.Subtotal).ToHaveTextAsync("$43.00");
        await Expect(checkout.Total).ToHaveTextAsync("$48.00");
        await checkout.WaitIdleAsync();

        await checkout.AddOn("Extended Warranty").CheckAsync();
        await Expect(checkout.SummaryLineTotal("Extended Warranty")).ToHaveTextAsync("$20.00");
        await Expect(checkout.Subtotal).ToHaveTextAsync("$63.00");
        await Expect(checkout.Total).ToHaveTextAsync("$68.00"); // $43.00 + $25.00
        await checkout.WaitIdleAsync();
        await Expect(checkout.AddOn("Gift Wrap")).ToBeCheckedAsync();
        await Expect(checkout.AddOn("Extended Warranty")).ToBeCheckedAsync();

        await checkout.AddOn("Gift Wrap").UncheckAsync();
        await Expect(checkout.Total).ToHaveTextAsync("$63.00");
        await Expect(checkout.SummaryLine("Gift Wrap")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task SignedInGoldMember_GetsTheGoldTierDiscount() => RunAsync(async page =>
    {
        await Shop.SignInAsync(page, "gold@storefront.local", "Shopper!23456");
        var cart = await Shop.AddToCartAsync(page, "House Blend Beans", quantity: 2);
        var checkout = await cart.CheckoutAsync();

        // 2 × $24.00 = $48.00; Gold 10 % = $4.80; $43.20 + Standard $5.00 = $48.20.
        await Expect(checkout.Subtotal).ToHaveTextAsync("$48.00");
        await Expect(checkout.DiscountLabel).ToBeVisibleAsync();
        await Expect(checkout.DiscountLabel).ToHaveTextAsync("Discount (Gold member 10 %)");
        await Expect(checkout.Discount).ToHaveTextAsync("-$4.80");
        await Expect(checkout.Total).ToHaveTextAsync("$48.20");
        await Expect(checkout.Email).ToHaveCountAsync(0); // signed in: Stripe has the account's e-mail
        await checkout.ExpectTotalsAddUpAsync();
    });

    [Fact]
    public Task CartOver100Dollars_GetsTheSpend100Promotion_AndFreeShipping() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Conical Burr Grinder");
        var checkout = await cart.CheckoutAsync();

        // $129.00, 10 % = $12.90 (under the $20 cap); $116.10 is over $75, so Standard ships free.
        await Expect(checkout.Subtotal).ToHaveTextAsync("$129.00");
        await Expect(checkout.DiscountLabel).ToHaveTextAsync("Discount (Spend 100, save 10 %)");
        await Expect(checkout.Discount).ToHaveTextAsync("-$12.90");
        await Expect(checkout.Shipping).ToHaveTextAsync("$0.00");
        await Expect(checkout.Total).ToHaveTextAsync("$116.10");
        await Expect(checkout.SummaryLine("Cupping Spoon")).ToHaveCountAsync(0); // $116.10 is under $150
        await checkout.ExpectTotalsAddUpAsync();
    });

    [Fact]
    public Task NewYorkAddress_AddsTax_AndGreatBritain_OffersInternationalWithVatIncluded() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Colombia Huila", quantity: 2);
        var checkout = await cart.CheckoutAsync();
        await Expect(checkout.Subtotal).ToHaveTextAsync("$34.00");

        await checkout.FillNewYorkAddressAsync();
        // NY 8.875 % of $34.00 = $3.0175 → $3.02.
        await Expect(checkout.Tax).ToHaveTextAsync("$3.02");
        await Expect(checkout.Total).ToHaveTextAsync("$42.02");
        await Expect(checkout.ShippingOptions).ToHaveCountAsync(2);
        await Expect(checkout.ShippingOptionLabels).ToHaveTextAsync(
            ["Standard — $5.00 · 3–5 business days", "Priority — $12.00 · 1–2 business days"]);
        await Expect(checkout.ShippingOption("Standard")).ToBeCheckedAsync();

        await checkout.ShippingOption("Priority").CheckAsync();
        await Expect(checkout.Shipping).ToHaveTextAsync("$12.00");
        await Expect(checkout.Total).ToHaveTextAsync("$49.02");
        await checkout.WaitIdleAsync();

        await checkout.FillLondonAddressAsync();
        // VAT 20 % is inside the price: $34.00 × 20 / 120 = $5.666… → $5.67, not added; International $15.00.
        await Expect(checkout.ShippingOptionLabels).ToHaveTextAsync(["International — $15.00 · 6–10 business days"]);
        await Expect(checkout.ShippingOption("International")).ToBeCheckedAsync();
        await Expect(checkout.Shipping).ToHaveTextAsync("$15.00");
        await Expect(checkout.Tax).ToHaveTextAsync("$5.67");
        await Expect(checkout.Tax).ToHaveAttributeAsync("title", "Included in prices");
        await Expect(checkout.Total).ToHaveTextAsync("$49.00");
        await checkout.ExpectTotalsAddUpAsync();
    });

    [Fact]
    public Task CuppingSpoon_ComesAt150DollarsAfterDiscounts_AndGoesBelow() => RunAsync(async page =>
    {
        var cart = await Shop.AddToCartAsync(page, "Pour-Over Dripper", quantity: 4);
        var checkout = await cart.CheckoutAsync();
        // 4 × $32.00 = $128.00 − 10 % = $115.20: no gift.
        await Expect(checkout.Total).ToHaveTextAsync("$115.20");
        await Expect(checkout.SummaryLine("Cupping Spoon")).ToHaveCountAsync(0);

        await checkout.SetQuantityAsync("Pour-Over Dripper", 6);
        // 6 × $32.00 = $192.00 − $19.20 = $172.80 ≥ $150: the spoon is added at $0.00.
        await Expect(checkout.Total).ToHaveTextAsync("$172.80");
        await checkout.ExpectTotalsAddUpAsync();
        await Expect(checkout.SummaryLineTotal("Cupping Spoon")).ToHaveTextAsync("$0.00");
        await Expect(page.Locator("#line-controls li.line-control", new() { HasText = "Cupping Spoon" })).ToContainTextAsync("Free gift");
        await checkout.WaitIdleAsync();

        await checkout.SetQuantityAsync("Pour-Over Dripper", 5);
        // 5 × $32.00 = $160.00 − $16.00 = $144.00 < $150: the spoon goes again.
        await Expect(checkout.Total).ToHaveTextAsync("$144.00");
        await Expect(checkout.SummaryLine("Cupping Spoon")).ToHaveCountAsync(0);
        await Expect(checkout.SummaryLines).ToHaveCountAsync(1);
    });

    [Fact]
    public Task BadPromotionCodes_ShowTheirMessage_AndWelcome10Applies() => RunAsync(async page =>
    {
        AllowConsoleError("status of 400"); // the shop refuses an unknown or expired code with 400; Chromium logs it
        var cart = await Shop.AddToCartAsync(page, "Latte Art Course");
        var checkout = await cart.CheckoutAsync();
        await Expect(checkout.Total).ToHaveTextAsync("$29.00");

        await checkout.ApplyPromotionCodeAsync("NOPE");
        await Expect(checkout.Error).ToHaveTextAsync("Code NOPE is not a valid code.");
        await Expect(checkout.Total).ToHaveTextAsync("$29.00");
        await Expect(checkout.Discount).ToBeHiddenAsync();
        await Expect(checkout.PromoApplied).ToBeHiddenAsync();

        await checkout.ApplyPromotionCodeAsync("SUMMER25");
        await Expect(checkout.Error).ToHaveTextAsync("Code SUMMER25 has expired.");
        await Expect(checkout.Total).ToHaveTextAsync("$29.00");

        await checkout.ApplyPromotionCodeAsync("WELCOME10");
        // 10 % of $29.00 = $2.90 (under the $15 cap).
        await Expect(checkout.Discount).ToHaveTextAsync("-$2.90");
        await Expect(checkout.Total).ToHaveTextAsync("$26.10");
        await Expect(checkout.Error).ToBeHiddenAsync();
        await Expect(checkout.PromoApplied).ToBeVisibleAsync();
        await Expect(page.Locator("#promo-applied-code")).ToHaveTextAsync("WELCOME10");
        await Expect(checkout.PromotionCode).ToHaveValueAsync("");
        await checkout.ExpectTotalsAddUpAsync();
    });

    [Fact]
    public Task RemovingALine_TakesItOutOfTheOrder() => RunAsync(async page =>
    {
        await Shop.AddToCartAsync(page, "House Blend Beans");
        var cart = await Shop.AddToCartAsync(page, "Colombia Huila");
        await Expect(cart.Subtotal).ToHaveTextAsync("$41.00");
        var checkout = await cart.CheckoutAsync();
        // $24.00 + $17.00 = $41.00 + Standard $5.00.
        await Expect(checkout.SummaryLines).ToHaveCountAsync(2);
        await Expect(checkout.Total).ToHaveTextAsync("$46.00");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Colombia Huila", Exact = true }).ClickAsync();

        await Expect(checkout.Subtotal).ToHaveTextAsync("$24.00");
        await Expect(checkout.Total).ToHaveTextAsync("$29.00");
        await Expect(checkout.SummaryLine("Colombia Huila")).ToHaveCountAsync(0);
        await Expect(checkout.LineQuantity("Colombia Huila")).ToHaveCountAsync(0);
        await Expect(checkout.LineQuantity("House Blend Beans")).ToHaveValueAsync("1");
    });
}
