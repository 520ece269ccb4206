using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Audit;
using Storefront.Data.Checkouts;
using Storefront.Data.Identity;
using Storefront.Web.Carts;
using Storefront.Web.Stripe;
using Stripe;
using Stripe.Checkout;
using CheckoutEntity = Storefront.Data.Checkouts.Checkout;

namespace Storefront.Web.Checkout;

public sealed record StartedCheckout(Guid CheckoutId, string SessionId);

/// <summary>
/// Turns the shopper's cart into a server-side checkout, holds its stock and opens the Stripe session for it.
/// If Stripe fails, the holds are released and the checkout is closed: nothing is left half-done.
/// </summary>
public sealed partial class CheckoutStarter(
    StorefrontDbContext db,
    CartService carts,
    CartOwnerAccessor owners,
    InventoryHolds holds,
    CheckoutQuoter quoter,
    SessionSync sync,
    SessionUpdater updater,
    PreviewAccess previewAccess,
    IStripeGateway stripe,
    UserManager<ShopUser> users,
    TimeProvider clock,
    IOptions<CheckoutOptions> options,
    ILogger<CheckoutStarter> logger)
{
    /// <param name="returnUrl">Absolute return page address containing Stripe's {CHECKOUT_SESSION_ID} placeholder.</param>
    public async Task<StartedCheckout> StartAsync(string returnUrl, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var owner = owners.Current() ?? throw new CheckoutException(StatusCodes.Status400BadRequest, "Your cart is empty.");
        var cart = await carts.GetAsync(cancellationToken);
        if (cart.IsEmpty)
        {
            throw new CheckoutException(StatusCodes.Status400BadRequest, "Your cart is empty.");
        }

        await RetireEarlierCheckoutsAsync(owner, cancellationToken);

        var now = clock.GetUtcNow();
        var expiresAt = options.Value.ExpiryFrom(now);
        var email = owner.UserId is null ? null : (await users.FindByIdAsync(owner.UserId))?.Email;
        var checkout = new CheckoutEntity(owner.Key, owner.UserId, cart.Currency, cart.HasSubscription ? CheckoutMode.Subscription : CheckoutMode.Payment, now, expiresAt);
        checkout.SetCustomerEmail(email);
        foreach (var line in cart.Lines)
        {
            checkout.AddLine(line.ProductId, line.PriceId, line.Quantity, CheckoutLineKind.Product);
        }

        Pricing.Quote quote;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Checkouts.Add(checkout);
            await db.SaveChangesAsync(cancellationToken);
            quote = await quoter.QuoteAsync(checkout, cancellationToken);
            foreach (var gift in quote.Lines.Where(l => l.Kind == CheckoutLineKind.Complimentary))
            {
                checkout.AddLine(gift.ProductId, gift.PriceId, gift.Quantity, CheckoutLineKind.Complimentary);
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var group in quote.Lines.Where(l => l.TracksStock).GroupBy(l => (l.ProductId, l.Name)))
            {
                await holds.SetAsync(checkout.Id, group.Key.ProductId, group.Key.Name, group.Sum(l => l.Quantity), expiresAt, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        try
        {
            var session = await OpenSessionAsync(checkout, quote, returnUrl, cancellationToken);
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), owner.Key, "checkout.started", "checkout", checkout.Id.ToString())
                .ForCheckout(checkout.Id)
                .WithChange(null, CheckoutService.Totals(quote))
                .WithOutcome("success", Stopwatch.GetElapsedTime(started)));
            await db.SaveChangesAsync(cancellationToken);
            return new StartedCheckout(checkout.Id, session.Id);
        }
        catch (StripeException ex)
        {
            LogStartFailed(logger, checkout.Id, ex.HttpStatusCode, ex.StripeError?.Type, ex.Message);
            await AbandonAsync(checkout, ex.Message, Stopwatch.GetElapsedTime(started));
            throw CheckoutException.StripeFailed();
        }
    }

    /// <summary>
    /// Creates the session in the shop's discount mode. LinePrices sends discounted lines as ad-hoc prices straight
    /// away. Preview creates at catalog prices and then applies the discount through the preview update (creation
    /// takes only an existing coupon), which also finds out, before the shopper sees anything, whether the account
    /// has the preview: if not, the same update goes out in LinePrices mode.
    /// </summary>
    private async Task<Session> OpenSessionAsync(CheckoutEntity checkout, Pricing.Quote quote, string returnUrl, CancellationToken cancellationToken)
    {
        var mode = SessionSync.EffectiveMode(checkout, previewAccess.Current);
        Session session;
        IReadOnlyList<SyncedLine> synced;
        try
        {
            (session, synced) = await CreateSessionAsync(checkout, quote, returnUrl, mode, cancellationToken);
        }
        catch (StripeException ex) when (mode == DiscountUpdateMode.Preview && PreviewAccess.IsPreviewRefusal(ex))
        {
            previewAccess.MarkUnavailable(ex);
            mode = DiscountUpdateMode.LinePrices;
            (session, synced) = await CreateSessionAsync(checkout, quote, returnUrl, mode, cancellationToken);
        }

        checkout.BindStripeSession(session.Id);
        LinkLineItems(checkout, synced, session);
        if (mode == DiscountUpdateMode.Preview && quote.Discount is { Amount: > 0 })
        {
            var (updated, push) = await updater.PushAsync(checkout, quote, $"checkout-{checkout.Id}-discount", cancellationToken);
            LinkLineItems(checkout, push.Lines, updated);
            session = updated;
        }

        if (!SessionSync.TotalsMatch(quote, session))
        {
            LogTotalsMismatch(logger, session.Id, quote.Totals.Total, session.AmountTotal);
        }

        return session;
    }

    private async Task<(Session Session, IReadOnlyList<SyncedLine> Lines)> CreateSessionAsync(
        CheckoutEntity checkout, Pricing.Quote quote, string returnUrl, DiscountUpdateMode mode, CancellationToken cancellationToken)
    {
        var synced = await sync.SyncLinesAsync(quote, mode, cancellationToken);
        var checkoutId = checkout.Id.ToString();
        var shipping = SessionSync.ShippingOptions(quote);
        var options = new SessionCreateOptions
        {
            UiMode = "elements",
            Mode = checkout.Mode == CheckoutMode.Subscription ? "subscription" : "payment",
            LineItems = synced.Select(l => SessionSync.NewLineItem(l, quote.Currency)).ToList(),
            ShippingOptions = shipping.Count == 0 ? null : shipping,
            Permissions = new SessionPermissionsOptions { UpdateShippingDetails = "server_only" },
            ReturnUrl = returnUrl,
            CustomerEmail = checkout.CustomerEmail,
            ClientReferenceId = checkoutId,
            Metadata = new Dictionary<string, string> { ["checkout_id"] = checkoutId },
            ExpiresAt = checkout.ExpiresAt.UtcDateTime,
            Expand = ["line_items"],
        };
        var preview = mode == DiscountUpdateMode.Preview;
        if (preview)
        {
            SessionSync.AddPreviewPermissions(options);
        }

        var session = await stripe.CreateCheckoutSessionAsync(options, $"checkout-{checkoutId}-create-{SessionUpdater.Suffix(mode)}", preview, cancellationToken);
        return (session, synced);
    }

    /// <summary>
    /// Stripe returns the items in the order they were sent; remember the li_ id of each line sent at its catalog
    /// price so later updates can keep it (ad-hoc discounted lines are replaced on every update).
    /// </summary>
    public static void LinkLineItems(CheckoutEntity checkout, IReadOnlyList<SyncedLine> synced, Session session)
    {
        var items = session.LineItems?.Data ?? [];
        var lines = checkout.Lines.OrderBy(l => l.Position).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var keepable = i < synced.Count && synced[i].Keepable;
            lines[i].LinkStripeLineItem(keepable && i < items.Count ? items[i].Id : null);
            lines[i].LinkStripeTaxRate(i < synced.Count ? synced[i].StripeTaxRateId : null);
        }
    }

    /// <summary>A shopper has one open checkout: starting again expires the earlier one and frees its stock.</summary>
    private async Task RetireEarlierCheckoutsAsync(CartOwner owner, CancellationToken cancellationToken)
    {
        var earlier = await db.Checkouts.Where(c => c.OwnerKey == owner.Key && c.Status == CheckoutStatus.Open).ToListAsync(cancellationToken);
        if (earlier.Count == 0)
        {
            return;
        }

        // Our own record first: Stripe's "expired" webhook may arrive before the expire call returns, and then finds nothing to do.
        foreach (var old in earlier)
        {
            old.Expire();
            await holds.ReleaseAllAsync(old.Id, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var old in earlier.Where(c => c.StripeSessionId is not null))
        {
            try
            {
                await stripe.ExpireCheckoutSessionAsync(old.StripeSessionId!, $"checkout-{old.Id}-expire", cancellationToken);
            }
            catch (StripeException ex)
            {
                // Already complete or expired at Stripe: its webhook tells the truth and fulfilment handles it.
                LogExpireFailed(logger, old.Id, ex.Message);
            }
        }
    }

    private async Task AbandonAsync(CheckoutEntity checkout, string reason, TimeSpan duration)
    {
        // The shopper's request may be cancelled already; the clean-up must still happen.
        await holds.ReleaseAllAsync(checkout.Id, CancellationToken.None);
        checkout.Expire();
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), checkout.OwnerKey, "checkout.started", "checkout", checkout.Id.ToString())
            .ForCheckout(checkout.Id)
            .WithOutcome(Truncate("stripe_error: " + reason), duration));
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static string Truncate(string value) => value.Length <= 200 ? value : value[..200];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout {CheckoutId} could not open a Stripe session: {Status} {Type} {Reason}")]
    private static partial void LogStartFailed(ILogger logger, Guid checkoutId, System.Net.HttpStatusCode? status, string? type, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "New session {SessionId}: quote total {QuoteTotal}, Stripe total {StripeTotal}")]
    private static partial void LogTotalsMismatch(ILogger logger, string sessionId, long quoteTotal, long? stripeTotal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Earlier checkout {CheckoutId} could not be expired at Stripe: {Reason}")]
    private static partial void LogExpireFailed(ILogger logger, Guid checkoutId, string reason);
}
