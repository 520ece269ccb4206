using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Web.Carts;
using Storefront.Web.Stripe;
using Stripe;
using Stripe.Checkout;
using CheckoutEntity = Storefront.Data.Checkouts.Checkout;

namespace Storefront.Web.Checkout;

/// <summary>
/// Finds a checkout by Stripe session id for the shopper asking. A session that exists but belongs to someone
/// else answers exactly like one that does not exist (404), so session ids cannot be probed.
/// </summary>
public sealed class CheckoutAccess(StorefrontDbContext db, CartOwnerAccessor owners, IStripeGateway stripe)
{
    public async Task<CheckoutEntity> LoadOwnedAsync(string? sessionId, CancellationToken cancellationToken, bool track = false)
    {
        var owner = owners.Current();
        if (string.IsNullOrWhiteSpace(sessionId) || owner is null)
        {
            throw CheckoutException.NotFound();
        }

        var query = db.Checkouts.Include(c => c.Lines).AsQueryable();
        if (!track)
        {
            query = query.AsNoTracking();
        }

        return await query.SingleOrDefaultAsync(c => c.StripeSessionId == sessionId && c.OwnerKey == owner.Value.Key, cancellationToken)
               ?? throw CheckoutException.NotFound();
    }

    /// <summary>The session's client secret, handed only to the checkout's owner (Stripe.js needs it to load the session).</summary>
    public async Task<string> ClientSecretAsync(string? sessionId, CancellationToken cancellationToken)
    {
        var checkout = await LoadOwnedAsync(sessionId, cancellationToken);
        Session session;
        try
        {
            session = await stripe.GetCheckoutSessionAsync(checkout.StripeSessionId!, cancellationToken: cancellationToken);
        }
        catch (StripeException)
        {
            throw CheckoutException.StripeFailed();
        }

        return session.ClientSecret ?? throw CheckoutException.StripeFailed();
    }
}
