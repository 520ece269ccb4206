using System.Net;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Tests.Conformance;

internal static class ConformanceSupport
{
    public const string ReturnUrl = "https://shop.test/return?session_id={CHECKOUT_SESSION_ID}";

    /// <summary>Asserts Stripe.net's typed error with every field the shop relies on; returns it for further checks.</summary>
    public static async Task<StripeException> AssertStripeError(Func<Task> call, HttpStatusCode status, string type, string? code, string? param, string? message = null)
    {
        var ex = await Assert.ThrowsAsync<StripeException>(call);
        Assert.Equal(status, ex.HttpStatusCode);
        Assert.Equal(type, ex.StripeError?.Type);
        Assert.Equal(code, ex.StripeError?.Code);
        Assert.Equal(param, ex.StripeError?.Param);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        if (message is not null) Assert.Equal(message, ex.StripeError?.Message);
        Assert.StartsWith("req_", ex.StripeResponse?.RequestId);
        return ex;
    }

    public static async Task<string> NewPrice(this IStripeClient client, long unitAmount, string currency = "usd", string name = "Thing", string? interval = null) =>
        (await new PriceService(client).CreateAsync(new PriceCreateOptions
        {
            Currency = currency,
            UnitAmount = unitAmount,
            ProductData = new PriceProductDataOptions { Name = name },
            Recurring = interval is null ? null : new PriceRecurringOptions { Interval = interval },
        })).Id;

    public static async Task<string> NewTaxRate(this IStripeClient client, decimal percentage, bool inclusive, string name = "Tax") =>
        (await new TaxRateService(client).CreateAsync(new TaxRateCreateOptions { DisplayName = name, Percentage = percentage, Inclusive = inclusive })).Id;

    public static Task<Session> NewSession(this IStripeClient client, params SessionLineItemOptions[] lines) =>
        new SessionService(client).CreateAsync(new SessionCreateOptions
        {
            UiMode = "elements",
            Mode = "payment",
            ReturnUrl = ReturnUrl,
            LineItems = [.. lines],
        });

    public static SessionLineItemOptions Line(string price, long quantity, params string[] taxRates) =>
        new() { Price = price, Quantity = quantity, TaxRates = taxRates.Length == 0 ? null : [.. taxRates] };

    public static Task<Session> Expanded(this IStripeClient client, string sessionId) =>
        new SessionService(client).GetAsync(sessionId, new SessionGetOptions { Expand = ["line_items"] });

    public static string Unique(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];
}
