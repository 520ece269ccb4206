using Microsoft.AspNetCore.Mvc;
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
public sealed class IndexModel(
    CheckoutAccess access,
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

    public bool NeedsShipping { get; private set; }

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
        NeedsShipping = await access.NeedsShippingAsync(checkout, cancellationToken);
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

    public static JsonResult Error(CheckoutException ex) =>
        new(new { type = "error", message = ex.Message }) { StatusCode = ex.StatusCode };

    public sealed record SessionRequest(string? CheckoutSessionId);
}
