using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Orders;
using Storefront.Web.Checkout;
using Storefront.Web.Stripe;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Web.Pages.Checkout;

/// <summary>
/// Where Stripe sends the shopper after paying. It only reports: the order is created by the webhook, never here,
/// so a forged or repeated visit to this page can never fulfil anything.
/// </summary>
public sealed class ReturnModel(CheckoutAccess access, IStripeGateway stripe, StorefrontDbContext db) : PageModel
{
    public string SessionId { get; private set; } = "";

    /// <summary>paid | processing | failed | open | expired.</summary>
    public string State { get; private set; } = "";

    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    public Order? Order { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "session_id")] string? sessionId, CancellationToken cancellationToken)
    {
        Storefront.Data.Checkouts.Checkout checkout;
        try
        {
            checkout = await access.LoadOwnedAsync(sessionId, cancellationToken);
        }
        catch (CheckoutException)
        {
            return NotFound();
        }

        SessionId = checkout.StripeSessionId!;
        Order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.CheckoutId == checkout.Id, cancellationToken);
        if (Order is not null)
        {
            (State, Heading, Message) = Order.Status switch
            {
                OrderStatus.Paid => ("paid", "Thank you — payment received", "Your order is confirmed. A receipt is on its way."),
                OrderStatus.Processing => ("processing", "Payment processing", "Your bank is still confirming the payment; we will e-mail you when it clears."),
                _ => ("failed", "Payment failed", "The payment did not go through. No order was shipped."),
            };
            return Page();
        }

        Session session;
        try
        {
            session = await stripe.GetCheckoutSessionAsync(SessionId, cancellationToken: cancellationToken);
        }
        catch (StripeException)
        {
            (State, Heading, Message) = ("processing", "Confirming your payment", "We could not reach the payment service just now. This page refreshes on its own.");
            return Page();
        }

        (State, Heading, Message) = (session.Status, session.PaymentStatus) switch
        {
            ("complete", _) => ("processing", "Confirming your payment", "Payment received; we are confirming your order. This page refreshes on its own."),
            ("expired", _) => ("expired", "Checkout expired", "This checkout expired before it was paid. Nothing was charged."),
            _ => ("open", "Payment not completed", "The payment has not gone through yet. You can return to checkout and try again."),
        };
        return Page();
    }
}
