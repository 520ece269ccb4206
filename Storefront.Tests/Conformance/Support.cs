using System.Net;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Conformance;

internal static class Support
{
    public const string ReturnUrl = "https://shop.test/return?session_id={CHECKOUT_SESSION_ID}";

    /// <summary>Asserts a typed Stripe error with every field the shop relies on; returns it for further checks.</summary>
    public static async Task<StripeException> AssertStripeError(Func<Task> call, HttpStatusCode status, string type,
        string? code, string? param, string? message = null)
    {
        var ex = await Assert.ThrowsAsync<StripeException>(call);
        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal(type, ex.Type);
        Assert.Equal(code, ex.Code);
        Assert.Equal(param, ex.Param);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        if (message is not null) Assert.Equal(message, ex.Message);
        Assert.StartsWith("req_", ex.RequestId);
        return ex;
    }

    /// <summary>Records compare by value except their dictionaries (reference equality): compare those apart.</summary>
    public static void AssertSame<T>(T expected, T actual, Func<T, T> withoutMetadata, Func<T, IReadOnlyDictionary<string, string>?> metadata)
    {
        Assert.Equal(withoutMetadata(expected), withoutMetadata(actual));
        Assert.Equal(metadata(expected)?.OrderBy(kv => kv.Key), metadata(actual)?.OrderBy(kv => kv.Key));
    }

    public static async Task<string> NewPrice(this IStripeGateway gateway, long unitAmount, string currency = "usd", string name = "Thing",
        string? interval = null)
    {
        var price = await gateway.CreatePriceAsync(new PriceCreateRequest
        {
            Currency = currency,
            UnitAmount = unitAmount,
            ProductData = new SessionProductDataParams { Name = name },
            Recurring = interval is null ? null : new RecurringParams { Interval = interval },
        });
        return price.Id;
    }

    public static async Task<string> NewTaxRate(this IStripeGateway gateway, decimal percentage, bool inclusive, string name = "Tax") =>
        (await gateway.CreateTaxRateAsync(new TaxRateCreateRequest { DisplayName = name, Percentage = percentage, Inclusive = inclusive })).Id;

    public static Task<StripeCheckoutSession> NewSession(this IStripeGateway gateway, params SessionLineItemParams[] lines) =>
        gateway.CreateCheckoutSessionAsync(new CheckoutSessionCreateRequest
        {
            Mode = "payment",
            ReturnUrl = ReturnUrl,
            LineItems = lines,
        });

    public static Task<StripeCheckoutSession> Expanded(this IStripeGateway gateway, string sessionId) =>
        gateway.GetCheckoutSessionAsync(sessionId, StripeGetRequest.ExpandLineItems);

    public static string Unique(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];
}
