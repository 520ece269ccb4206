using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Data.Checkouts;
using Storefront.Web.Checkout;
using Storefront.Web.Infrastructure;
using Storefront.Web.Stripe;

namespace Storefront.Web.Pages.Checkout;

/// <summary>
/// The Elements checkout page. Handlers take a session id and an intent, never an amount: everything the shopper
/// pays is priced on the server. JSON handlers answer {type:"error", message} with a 4xx/5xx the page shows as is.
/// </summary>
[EnableRateLimiting(CheckoutRateLimits.PolicyName)]
public sealed class IndexModel(
    CheckoutAccess access,
    CheckoutService actions,
    CheckoutViewBuilder views,
    PreviewAccess previewAccess,
    IOptions<StripeOptions> stripe,
    IOptions<ShopOptions> shop,
    StripeJsLocation stripeJs) : PageModel
{
    public string SessionId { get; private set; } = "";

    public string PublishableKey => stripe.Value.UsesEmulator ? StripeOptions.EmulatorPublishableKey : stripe.Value.PublishableKey!;

    public string StripeJsUrl => stripeJs.Url;

    public string ShopName => shop.Value.Name;

    public string ReturnUrl { get; private set; } = "";

    public bool IsGuest { get; private set; }

    public bool NeedsShipping => View.NeedsShipping;

    public CheckoutView View { get; private set; } = null!;

    /// <summary>The server's discount and totals, for the page's discount line (LinePrices mode: Stripe shows none).</summary>
    public CheckoutPricing ServerPricing { get; private set; } = null!;

    /// <summary>What a subscription's discount does on renewal, shown next to Pay (null for one-off orders).</summary>
    public string? RenewalPromise { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "session_id")] string? sessionId, CancellationToken cancellationToken)
    {
        Data.Checkouts.Checkout checkout;
        try
        {
            checkout = await access.LoadOwnedAsync(sessionId, cancellationToken);
        }
        catch (CheckoutException ex) when (ex.StatusCode == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (checkout.Status != CheckoutStatus.Open)
        {
            return RedirectToPage("/Checkout/Return", new { session_id = checkout.StripeSessionId });
        }

        SessionId = checkout.StripeSessionId!;
        IsGuest = checkout.UserId is null;
        View = await views.BuildAsync(checkout, cancellationToken);
        ServerPricing = CheckoutPricing.From(await actions.CurrentQuoteAsync(SessionId, cancellationToken), SessionSync.EffectiveMode(checkout, previewAccess.Current));
        RenewalPromise = checkout.Mode == CheckoutMode.Subscription ? SessionSync.RenewalPromise : null;
        ReturnUrl = Url.Page("/Checkout/Return", pageHandler: null, values: new { session_id = SessionId }, protocol: Request.Scheme)!;
        return Page();
    }

    /// <summary>Stripe.js asks for the client secret through this; only the checkout's owner gets it.</summary>
    public async Task<IActionResult> OnPostClientSecretAsync([FromBody] SessionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return new JsonResult(new { type = "success", clientSecret = await access.ClientSecretAsync(request.CheckoutSessionId, cancellationToken) });
        }
        catch (CheckoutException ex)
        {
            return Error(ex);
        }
    }

    public Task<IActionResult> OnPostChangeIntervalAsync([FromBody] IntervalIntent intent, CancellationToken cancellationToken) =>
        ActAsync(intent, () => intent.Interval switch
        {
            "month" => actions.ChangeIntervalAsync(intent.CheckoutSessionId, Data.Catalog.BillingInterval.Month, cancellationToken),
            "year" => actions.ChangeIntervalAsync(intent.CheckoutSessionId, Data.Catalog.BillingInterval.Year, cancellationToken),
            _ => throw new CheckoutException(StatusCodes.Status400BadRequest, "Choose monthly or yearly billing."),
        }, cancellationToken);

    public Task<IActionResult> OnPostAddOnAsync([FromBody] AddOnIntent intent, CancellationToken cancellationToken) =>
        ActAsync(intent, () => actions.SetAddOnAsync(intent.CheckoutSessionId, intent.AddOn, intent.Included, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostQuantityAsync([FromBody] QuantityIntent intent, CancellationToken cancellationToken) =>
        ActAsync(intent, () => actions.SetQuantityAsync(intent.CheckoutSessionId, intent.LineId, intent.Quantity, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPromotionCodeAsync([FromBody] CodeIntent intent, CancellationToken cancellationToken) =>
        ActAsync(intent, () => actions.ApplyPromotionCodeAsync(intent.CheckoutSessionId, intent.Code, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRemovePromotionCodeAsync([FromBody] SessionRequest intent, CancellationToken cancellationToken) =>
        ActAsync(intent, () => actions.RemovePromotionCodeAsync(intent.CheckoutSessionId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAddressChangedAsync([FromBody] SessionRequest intent, CancellationToken cancellationToken) =>
        ActAsync(intent, () => actions.AddressChangedAsync(intent.CheckoutSessionId, cancellationToken), cancellationToken);

    public static JsonResult Error(CheckoutException ex) =>
        new(new { type = "error", message = ex.Message, reload = ex.StatusCode == StatusCodes.Status409Conflict && ex.Message.Contains("another window", StringComparison.Ordinal) })
        {
            StatusCode = ex.StatusCode,
        };

    /// <summary>Binds, runs the action, and answers the page: success with the shopper's new choices, or a message.</summary>
    private async Task<IActionResult> ActAsync(object? intent, Func<Task<CheckoutActionResult>> action, CancellationToken cancellationToken)
    {
        if (intent is null || !ModelState.IsValid)
        {
            return new JsonResult(new { type = "error", message = "That request is not valid: send the session id and the change, nothing else." })
            {
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }

        try
        {
            var result = await action();
            return new JsonResult(new
            {
                type = "success",
                state = await views.BuildAsync(result.Checkout, cancellationToken),
                totals = result.Quote.Totals,
                discount = result.Quote.Discount,
                discountMode = SessionSync.EffectiveMode(result.Checkout, previewAccess.Current).ToString(),
                promoCode = result.Quote.PromoCode.Status == Pricing.PromoCodeStatus.None ? null : result.Quote.PromoCode,
            });
        }
        catch (CheckoutException ex)
        {
            return Error(ex);
        }
    }

    /// <summary>The page's copy of the server's pricing (<c>#checkout-discount</c>).</summary>
    public sealed record CheckoutPricing(Web.Pricing.SessionDiscount? Discount, Web.Pricing.QuoteTotals Totals, string DiscountMode)
    {
        public static CheckoutPricing From(Web.Pricing.Quote quote, DiscountUpdateMode mode) => new(quote.Discount, quote.Totals, mode.ToString());
    }

    // Intents carry the session id and the change only. Any other field (a price, an amount, a product for a line)
    // fails binding, so the handler answers 400 before anything runs.

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record SessionRequest(string? CheckoutSessionId);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record IntervalIntent(string? CheckoutSessionId, string? Interval);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record AddOnIntent(string? CheckoutSessionId, string? AddOn, bool Included);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record QuantityIntent(string? CheckoutSessionId, long LineId, int Quantity);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record CodeIntent(string? CheckoutSessionId, string? Code);
}
