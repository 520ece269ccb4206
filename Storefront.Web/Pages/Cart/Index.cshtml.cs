using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Data.Carts;
using Storefront.Web.Carts;
using Storefront.Web.Checkout;

namespace Storefront.Web.Pages.Cart;

/// <summary>The cart page: change quantities and remove lines. A rejected change answers 4xx and shows the cart as stored.</summary>
public sealed class IndexModel(CartService carts, CheckoutStarter checkouts) : PageModel
{
    public CartView Cart { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Cart = await carts.GetAsync(cancellationToken);

    public Task<IActionResult> OnPostUpdateAsync(
        [Required] long? lineId,
        [Required(ErrorMessage = "Enter a quantity.")]
        [Range(1, CartLimits.MaxQuantityPerLine, ErrorMessage = "Choose a quantity from 1 to {2}.")]
        int? quantity,
        CancellationToken cancellationToken) =>
        ChangeAsync(() => carts.SetQuantityAsync(lineId!.Value, quantity!.Value, cancellationToken), "Cart updated.", cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync([Required] long? lineId, CancellationToken cancellationToken) =>
        ChangeAsync(() => carts.RemoveAsync(lineId!.Value, cancellationToken), "Item removed.", cancellationToken);

    /// <summary>"Checkout": holds the stock and opens a Stripe session for this cart, then shows the checkout page.</summary>
    public async Task<IActionResult> OnPostCheckoutAsync(CancellationToken cancellationToken)
    {
        var returnUrl = Url.Page("/Checkout/Return", pageHandler: null, values: null, protocol: Request.Scheme) + "?session_id={CHECKOUT_SESSION_ID}";
        try
        {
            var started = await checkouts.StartAsync(returnUrl, cancellationToken);
            return Redirect($"/checkout?session_id={Uri.EscapeDataString(started.SessionId)}");
        }
        catch (CheckoutException ex)
        {
            return await RejectedAsync(ex.StatusCode, ex.Message, cancellationToken);
        }
    }

    private async Task<IActionResult> ChangeAsync(Func<Task<CartView>> change, string notice, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await RejectedAsync(StatusCodes.Status400BadRequest, FirstError() ?? "That change is not valid.", cancellationToken);
        }

        try
        {
            await change();
        }
        catch (CartRuleException ex)
        {
            return await RejectedAsync(StatusCodes.Status400BadRequest, ex.Message, cancellationToken);
        }
        catch (CartConflictException ex)
        {
            return await RejectedAsync(StatusCodes.Status409Conflict, ex.Message, cancellationToken);
        }

        TempData["Notice"] = notice;
        return RedirectToPage();
    }

    private async Task<IActionResult> RejectedAsync(int status, string message, CancellationToken cancellationToken)
    {
        Cart = await carts.GetAsync(cancellationToken);
        Response.StatusCode = status;
        ViewData["Error"] = message;
        return Page();
    }

    private string? FirstError() =>
        ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrEmpty(m));
}
