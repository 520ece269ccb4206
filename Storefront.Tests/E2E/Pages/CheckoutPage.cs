using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.E2E.Pages;

/// <summary>The checkout at "/checkout": order controls, the Stripe.js (emulator) forms and the order summary.</summary>
public sealed class CheckoutPage(IPage page)
{
    public IPage Page => page;

    public ILocator Root => page.Locator("#checkout");

    public ILocator Error => page.Locator("#checkout-error");

    public ILocator SummaryLines => page.Locator("#summary-lines li.summary-line");

    public ILocator SummaryLine(string name) =>
        SummaryLines.Filter(new() { Has = page.Locator(".summary-line-name", new() { HasTextRegex = new Regex("^" + Regex.Escape(name) + "$") }) });

    public ILocator SummaryLineTotal(string name) => SummaryLine(name).Locator(".summary-line-total");

    public ILocator Subtotal => page.Locator("#total-subtotal");

    public ILocator Discount => page.Locator("#total-discount");

    public ILocator DiscountLabel => page.Locator("#total-discount-label");

    public ILocator Shipping => page.Locator("#total-shipping");

    public ILocator Tax => page.Locator("#total-tax");

    public ILocator Total => page.Locator("#total-total");

    public ILocator PayButton => page.Locator("#pay-button");

    public ILocator Email => page.GetByLabel("E-mail for your receipt");

    public ILocator IntervalSwitch => page.GetByRole(AriaRole.Switch, new() { Name = "Yearly billing" });

    public ILocator YearlySaving => page.Locator("#yearly-saving");

    public ILocator AddOn(string labelStart) => page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^" + Regex.Escape(labelStart)) });

    public ILocator LineQuantity(string name) => page.GetByLabel($"Quantity of {name}", new() { Exact = true });

    public ILocator PromotionCode => page.GetByLabel("Promotion code", new() { Exact = true });

    public ILocator PromoApplied => page.Locator("#promo-applied");

    public ILocator ShippingOptions => page.Locator("#shipping-options").GetByRole(AriaRole.Radio);

    public ILocator ShippingOptionLabels => page.Locator("#shipping-options label.shipping-option");

    public ILocator ShippingOption(string name) =>
        page.Locator("#shipping-options").GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^" + Regex.Escape(name)) });

    private ILocator PaymentForm => page.GetByRole(AriaRole.Group, new() { Name = "Test payment form" });

    private ILocator AddressForm => page.GetByRole(AriaRole.Group, new() { Name = "Test shipping address form" });

    /// <summary>Waits until Stripe.js has initialised and no update is running.</summary>
    public async Task<CheckoutPage> WaitReadyAsync()
    {
        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout(\?|$)"));
        await Expect(page.Locator("#checkout[data-ready='true']")).ToHaveCountAsync(1);
        await WaitIdleAsync();
        return this;
    }

    /// <summary>Waits until the last server action is over (aria-busy no longer "true").</summary>
    public async Task WaitIdleAsync() =>
        await Expect(Root).Not.ToHaveAttributeAsync("aria-busy", "true");

    public async Task FillEmailAsync(string email)
    {
        await Email.FillAsync(email);
        await Email.BlurAsync(); // the page sends the e-mail to Stripe on "change"
    }

    public async Task FillAddressAsync(string name, string line1, string city, string? state, string postalCode, string country)
    {
        await AddressForm.GetByLabel("Country").SelectOptionAsync(country);
        await AddressForm.GetByLabel("Full name").FillAsync(name);
        await AddressForm.GetByLabel("Address line 1").FillAsync(line1);
        await AddressForm.GetByLabel("City").FillAsync(city);
        await AddressForm.GetByLabel("State / Province").FillAsync(state ?? "");
        await AddressForm.GetByLabel("Postal code").FillAsync(postalCode);
    }

    public Task FillNewYorkAddressAsync() => FillAddressAsync("Test Shopper", "350 Fifth Avenue", "New York", "NY", "10118", "US");

    public Task FillLondonAddressAsync() => FillAddressAsync("Test Shopper", "10 Downing Street", "London", null, "SW1A 2AA", "GB");

    public async Task FillCardAsync(string number, string expiry = "12 / 34", string cvc = "123")
    {
        await PaymentForm.GetByLabel("Card number").FillAsync(number);
        await PaymentForm.GetByLabel("Expiry (MM / YY)").FillAsync(expiry);
        await PaymentForm.GetByLabel("CVC").FillAsync(cvc);
    }

    public async Task PayAsync()
    {
        await Expect(PayButton).ToBeEnabledAsync();
        await PayButton.ClickAsync();
    }

    public async Task ApplyPromotionCodeAsync(string code)
    {
        await PromotionCode.FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
        await WaitIdleAsync();
    }

    /// <summary>
    /// The summary's figures add up as a shopper reads them: subtotal − discount + shipping + exclusive tax = total
    /// (inclusive tax is inside the prices). In LinePrices mode Stripe's own subtotal is already discounted, so this
    /// holds only because the page shows the list subtotal next to the server's discount.
    /// </summary>
    public async Task ExpectTotalsAddUpAsync()
    {
        await WaitIdleAsync();
        static long Minor(string? value) => string.IsNullOrEmpty(value) ? 0 : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var subtotal = Minor(await Subtotal.GetAttributeAsync("data-minor"));
        var discount = await Discount.IsVisibleAsync() ? Minor(await Discount.GetAttributeAsync("data-minor")) : 0;
        var shipping = Minor(await Shipping.GetAttributeAsync("data-minor"));
        var taxIncluded = await Tax.GetAttributeAsync("title") == "Included in prices";
        var tax = taxIncluded ? 0 : Minor(await Tax.GetAttributeAsync("data-minor"));
        var total = Minor(await Total.GetAttributeAsync("data-minor"));
        Assert.True(subtotal - discount + shipping + tax == total,
            $"On screen: subtotal {subtotal} − discount {discount} + shipping {shipping} + tax {tax} ≠ total {total}");
    }

    public async Task SetQuantityAsync(string name, int quantity)
    {
        await LineQuantity(name).FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await LineQuantity(name).BlurAsync();
    }
}
