using Storefront.Web.Pricing;
using Storefront.Web.Stripe;
using Stripe;
using Quote = Storefront.Web.Pricing.Quote;
using Stripe.Checkout;
using CheckoutEntity = Storefront.Data.Checkouts.Checkout;

namespace Storefront.Web.Checkout;

/// <summary>
/// Sends a quote to the checkout's Stripe session in one update, in the discount mode the shop uses now. When a
/// Preview update is refused because Stripe does not know the preview parameter (error code and param, not message
/// text), the shop falls back to LinePrices for good and sends the same quote that way: same totals, GA parameters.
/// </summary>
public sealed class SessionUpdater(SessionSync sync, IStripeGateway stripe, PreviewAccess previewAccess)
{
    /// <param name="idempotencyKey">The business key (checkout id + version); a suffix per discount mode keeps a fallback from replaying the refusal.</param>
    public Task<(Session Session, SessionPush Push)> PushAsync(CheckoutEntity checkout, Quote quote, string idempotencyKey, CancellationToken cancellationToken) =>
        PushAsync(checkout, quote, _ => idempotencyKey, cancellationToken);

    /// <param name="idempotencyKey">The key for what is about to be sent (say, checkout id + version + a digest of the request).</param>
    public async Task<(Session Session, SessionPush Push)> PushAsync(CheckoutEntity checkout, Quote quote, Func<SessionPush, string> idempotencyKey, CancellationToken cancellationToken)
    {
        var push = await sync.BuildUpdateAsync(checkout, quote, previewAccess.Current, cancellationToken);
        try
        {
            return (await SendAsync(checkout, push, idempotencyKey, cancellationToken), push);
        }
        catch (StripeException ex) when (push.Preview && PreviewAccess.IsPreviewRefusal(ex))
        {
            previewAccess.MarkUnavailable(ex);
            push = await sync.BuildUpdateAsync(checkout, quote, DiscountUpdateMode.LinePrices, cancellationToken);
            return (await SendAsync(checkout, push, idempotencyKey, cancellationToken), push);
        }
    }

    private Task<Session> SendAsync(CheckoutEntity checkout, SessionPush push, Func<SessionPush, string> idempotencyKey, CancellationToken cancellationToken) =>
        stripe.UpdateCheckoutSessionAsync(checkout.StripeSessionId!, push.Options, $"{idempotencyKey(push)}-{Suffix(push.Mode)}", push.Preview, cancellationToken);

    public static string Suffix(DiscountUpdateMode mode) => mode == DiscountUpdateMode.Preview ? "pv" : "lp";
}
