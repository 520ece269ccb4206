using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Audit;
using Storefront.Data.Carts;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Providers;
using Storefront.Web.Carts;
using Storefront.Web.Pricing;
using Storefront.Web.Stripe;
using Stripe;
using Quote = Storefront.Web.Pricing.Quote;
using Stripe.Checkout;
using CheckoutEntity = Storefront.Data.Checkouts.Checkout;

namespace Storefront.Web.Checkout;

/// <summary>What the page gets back after an action: the new totals as the server priced them.</summary>
public sealed record CheckoutActionResult(Quote Quote, int StripeCalls, CheckoutEntity Checkout);

/// <summary>
/// Orchestrates one shopper action on an open checkout: owner check, open and unexpired, apply the intent to the
/// server cart, price it, adjust stock holds, push the difference to Stripe in ONE update call (idempotency key from
/// checkout id and version), then save lines, version and an audit entry together. Any failure rolls the holds back
/// and leaves the cart and the Stripe session as they were.
/// </summary>
public sealed partial class CheckoutService(
    StorefrontDbContext db,
    CheckoutAccess access,
    CheckoutQuoter quoter,
    SessionUpdater updater,
    InventoryHolds holds,
    IStripeGateway stripe,
    TimeProvider clock,
    ILogger<CheckoutService> logger)
{
    /// <summary>Longest time one action may hold a checkout (Stripe.js gives up on a server update after 20 s).</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    public Task<CheckoutActionResult> ChangeIntervalAsync(string? sessionId, BillingInterval interval, CancellationToken cancellationToken) =>
        RunAsync(sessionId, "checkout.interval_changed", async (checkout, lines) =>
        {
            if (interval == BillingInterval.None)
            {
                throw Bad("Choose monthly or yearly billing.");
            }

            var index = await FindSubscriptionLineAsync(lines, cancellationToken);
            var line = lines[index];
            var price = await db.Prices.AsNoTracking()
                            .Where(p => p.ProductId == line.ProductId && p.IsActive && p.Interval == interval && p.Currency == checkout.Currency)
                            .OrderByDescending(p => p.Id)
                            .FirstOrDefaultAsync(cancellationToken)
                        ?? throw Bad($"This subscription is not sold {CartRules.Describe(interval)}.");
            lines[index] = line with { PriceId = price.Id };
            return checkout.PromotionCode;
        }, cancellationToken);

    public Task<CheckoutActionResult> SetAddOnAsync(string? sessionId, string? addOnSlug, bool included, CancellationToken cancellationToken) =>
        RunAsync(sessionId, included ? "checkout.addon_added" : "checkout.addon_removed", async (checkout, lines) =>
        {
            var addOn = await db.Products.AsNoTracking().Include(p => p.Prices)
                .SingleOrDefaultAsync(p => p.Slug == addOnSlug && p.Kind == ProductKind.AddOn && p.IsActive, cancellationToken);
            var price = addOn?.ActivePrice(checkout.Currency, BillingInterval.None);
            if (addOn is null || price is null)
            {
                throw Bad("Invalid product");
            }

            var present = lines.FindIndex(l => l.ProductId == addOn.Id);
            if (included && present < 0)
            {
                lines.Add(new WorkingLine(null, addOn.Id, price.Id, 1, CheckoutLineKind.AddOn));
            }
            else if (!included && present >= 0)
            {
                lines.RemoveAt(present);
            }

            return checkout.PromotionCode;
        }, cancellationToken);

    /// <summary>Sets a product line's quantity; 0 removes it.</summary>
    public Task<CheckoutActionResult> SetQuantityAsync(string? sessionId, long lineId, int quantity, CancellationToken cancellationToken) =>
        RunAsync(sessionId, quantity == 0 ? "checkout.line_removed" : "checkout.quantity_changed", async (checkout, lines) =>
        {
            var index = lines.FindIndex(l => l.Existing?.Id == lineId);
            if (index < 0)
            {
                throw new CheckoutException(StatusCodes.Status404NotFound, "That item is not in this order.");
            }

            var line = lines[index];
            if (line.Kind != CheckoutLineKind.Product)
            {
                throw Bad("The quantity of an add-on or gift cannot be changed.");
            }

            if (quantity is < 0 or > CartLimits.MaxQuantityPerLine)
            {
                throw Bad($"Choose a quantity from 0 to {CartLimits.MaxQuantityPerLine}.");
            }

            if (quantity == 0)
            {
                if (checkout.Mode == CheckoutMode.Subscription && index == await FindSubscriptionLineAsync(lines, cancellationToken))
                {
                    throw Bad("A subscription order keeps its subscription; start a new order to drop it.");
                }

                if (lines.Count(l => l.Kind == CheckoutLineKind.Product) == 1)
                {
                    throw Bad("Your order needs at least one item.");
                }

                lines.RemoveAt(index);
            }
            else
            {
                lines[index] = line with { Quantity = quantity };
            }

            return checkout.PromotionCode;
        }, cancellationToken);

    public Task<CheckoutActionResult> ApplyPromotionCodeAsync(string? sessionId, string? code, CancellationToken cancellationToken) =>
        RunAsync(sessionId, "checkout.code_applied", (_, _) =>
        {
            code = code?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(code) || code.Length > 40)
            {
                throw Bad("Enter a promotion code.");
            }

            return Task.FromResult<string?>(code);
        }, cancellationToken, validateCode: true);

    public Task<CheckoutActionResult> RemovePromotionCodeAsync(string? sessionId, CancellationToken cancellationToken) =>
        RunAsync(sessionId, "checkout.code_removed", (_, _) => Task.FromResult<string?>(null), cancellationToken);

    /// <summary>
    /// The shopper changed the address in Stripe's address element. The address is read from the session Stripe
    /// holds (never from the page), then shipping options, regional offers and tax follow it.
    /// </summary>
    public Task<CheckoutActionResult> AddressChangedAsync(string? sessionId, CancellationToken cancellationToken) =>
        RunAsync(sessionId, "checkout.address_changed", async (checkout, _) =>
        {
            Session session;
            try
            {
                session = await stripe.GetCheckoutSessionAsync(checkout.StripeSessionId!, cancellationToken: cancellationToken);
            }
            catch (StripeException)
            {
                throw CheckoutException.StripeFailed();
            }

            var address = session.CollectedInformation?.ShippingDetails?.Address;
            if (address?.Country is null)
            {
                throw Bad("Enter your shipping address first.");
            }

            checkout.SetShippingAddress(address.Country, address.State, address.PostalCode);
            return checkout.PromotionCode;
        }, cancellationToken, extraStripeCalls: 1);

    /// <summary>The checkout priced as it stands (for the page and for tests comparing with Stripe).</summary>
    public async Task<Quote> CurrentQuoteAsync(string? sessionId, CancellationToken cancellationToken)
    {
        var checkout = await access.LoadOwnedAsync(sessionId, cancellationToken);
        return await quoter.QuoteAsync(checkout, cancellationToken);
    }

    private delegate Task<string?> Intent(CheckoutEntity checkout, List<WorkingLine> lines);

    private async Task<CheckoutActionResult> RunAsync(
        string? sessionId, string action, Intent intent, CancellationToken cancellationToken, bool validateCode = false, int extraStripeCalls = 0)
    {
        var started = Stopwatch.GetTimestamp();
        var checkout = await access.LoadOwnedAsync(sessionId, cancellationToken, track: true);
        var now = clock.GetUtcNow();
        if (!checkout.IsUpdatableAt(now))
        {
            throw CheckoutException.NotUpdatable();
        }

        var readVersion = checkout.Version;
        // The totals before this action are the ones the last successful update (or the start) recorded.
        var before = await db.AuditEntries.AsNoTracking()
            .Where(a => a.CheckoutId == checkout.Id && a.After != null)
            .OrderByDescending(a => a.Id)
            .Select(a => a.After)
            .FirstOrDefaultAsync(cancellationToken);
        var lines = checkout.Lines.OrderBy(l => l.Position).Select(WorkingLine.From).ToList();
        Quote quote;
        string? code;
        try
        {
            code = await intent(checkout, lines);
            quote = await quoter.QuoteAsync(checkout, lines, code, cancellationToken);
            if (validateCode && quote.PromoCode.IsRejected)
            {
                throw Bad(quote.PromoCode.Message ?? "That code cannot be used.");
            }

            if (!await db.TryClaimAsync(checkout.Id, readVersion, now, LeaseDuration, cancellationToken))
            {
                throw new CheckoutException(StatusCodes.Status409Conflict, "Your order was changed in another window. The page will refresh.");
            }
        }
        catch (CheckoutException rejected)
        {
            // Nothing was written yet; record the rejection for the merchant's audit trail and answer the shopper.
            db.ChangeTracker.Clear();
            db.AuditEntries.Add(Audit(checkout, action, before, null, Describe(rejected), started));
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        // The claim bumped the version in the database: keep the tracked copy in step, so the final save both checks
        // the claimed version and moves past it (a tab that read during the lease must not build on what it saw).
        db.Entry(checkout).Property(c => c.Version).OriginalValue = readVersion + 1;
        db.Entry(checkout).Property(c => c.Version).CurrentValue = readVersion + 1;
        var previousHolds = await HeldByProductAsync(checkout.Id, cancellationToken);
        try
        {
            await AdjustHoldsAsync(checkout, quote, previousHolds, cancellationToken);
            var (session, push) = await updater.PushAsync(
                checkout, quote, sent => UpdateIdempotencyKey(checkout.Id, readVersion + 1, new { sent.Options, sent.Options.ExtraParams, sent.Mode }), cancellationToken);

            ApplyToCheckout(checkout, lines, push.Lines, session);
            checkout.SetPromotionCode(code);
            checkout.EndUpdateLease();

            // The lease was set by the claim's UPDATE, not through this tracked copy (which still reads null), so
            // tell EF the column changes or the lease would outlive the action.
            db.Entry(checkout).Property(c => c.UpdateLeaseUntil).IsModified = true;
            var outcome = VerifyTotals(quote, session);
            db.AuditEntries.Add(Audit(checkout, action, before, quote, outcome, started));
            await db.SaveChangesAsync(cancellationToken);
            return new CheckoutActionResult(quote, 1 + extraStripeCalls, checkout);
        }
        catch (Exception ex)
        {
            // Whatever went wrong (including the shopper going away mid-call), holds and lease go back to how they were.
            await RollBackAsync(checkout, action, before, previousHolds, readVersion, ex, started);
            var answer = ex switch
            {
                StripeException stripeError => Translate(stripeError),
                DbUpdateConcurrencyException => new CheckoutException(StatusCodes.Status409Conflict, "Your order was changed in another window. The page will refresh."),
                DbUpdateException => new CheckoutException(StatusCodes.Status409Conflict, "Your order could not be saved; please try again."),
                _ => ex as CheckoutException,
            };
            if (answer is null)
            {
                throw;
            }

            throw answer;
        }
    }

    /// <summary>Sets every stock-tracked product's hold to what the new quote needs; 409 with "Only N left" when short.</summary>
    private async Task AdjustHoldsAsync(CheckoutEntity checkout, Quote quote, IReadOnlyDictionary<int, int> previous, CancellationToken cancellationToken)
    {
        var wanted = quote.Lines.Where(l => l.TracksStock).GroupBy(l => (l.ProductId, l.Name)).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        foreach (var ((productId, name), quantity) in wanted.Where(w => previous.GetValueOrDefault(w.Key.ProductId) != w.Value))
        {
            await holds.SetAsync(checkout.Id, productId, name, quantity, checkout.ExpiresAt, cancellationToken);
        }

        foreach (var productId in previous.Keys.Where(p => !wanted.Keys.Any(w => w.ProductId == p)))
        {
            await holds.SetAsync(checkout.Id, productId, "", 0, checkout.ExpiresAt, cancellationToken);
        }
    }

    private async Task RollBackAsync(
        CheckoutEntity checkout, string action, string? before, IReadOnlyDictionary<int, int> previousHolds, int readVersion, Exception failure, long started)
    {
        db.ChangeTracker.Clear();
        var current = await HeldByProductAsync(checkout.Id, CancellationToken.None);
        foreach (var productId in current.Keys.Union(previousHolds.Keys))
        {
            var was = previousHolds.GetValueOrDefault(productId);
            if (current.GetValueOrDefault(productId) == was)
            {
                continue;
            }

            await db.InventoryHolds.Where(h => h.CheckoutId == checkout.Id && h.ProductId == productId).ExecuteDeleteAsync(CancellationToken.None);
            if (was > 0)
            {
                db.InventoryHolds.Add(new Data.Inventory.InventoryHold(productId, checkout.Id, was, checkout.ExpiresAt));
            }
        }

        db.AuditEntries.Add(Audit(checkout, action, before, null, Describe(failure), started));
        await db.SaveChangesAsync(CancellationToken.None);
        // A refused action changed nothing, so the version goes back too (tabs that read it stay current).
        await db.ReleaseUnchangedAsync(checkout.Id, readVersion, CancellationToken.None);
        LogActionFailed(logger, action, checkout.Id, failure.GetType().Name, failure.Message);
    }

    /// <summary>New and removed lines follow the quote; every line learns its li_ id and tax rate from Stripe's answer.</summary>
    private static void ApplyToCheckout(CheckoutEntity checkout, IReadOnlyList<WorkingLine> working, IReadOnlyList<SyncedLine> synced, Session session)
    {
        var items = session.LineItems?.Data ?? [];
        var byKey = working.ToDictionary(w => w.Key);
        var ordered = new List<CheckoutLine>(synced.Count);
        for (var i = 0; i < synced.Count; i++)
        {
            var quoteLine = synced[i].Line;
            var existing = byKey.TryGetValue(quoteLine.Key, out var w) ? w.Existing : null;
            CheckoutLine line;
            if (existing is not null)
            {
                line = existing;
                line.ChangePrice(quoteLine.PriceId);
                line.ChangeQuantity(quoteLine.Quantity);
            }
            else
            {
                line = checkout.AddLine(quoteLine.ProductId, quoteLine.PriceId, quoteLine.Quantity, quoteLine.Kind);
            }

            // Ad-hoc (discounted) lines are replaced on every update, so only catalog-priced lines keep their li_ id.
            line.LinkStripeLineItem(synced[i].Keepable && i < items.Count ? items[i].Id : null);
            line.LinkStripeTaxRate(synced[i].StripeTaxRateId);
            ordered.Add(line);
        }

        checkout.ArrangeLines(ordered);
    }

    /// <summary>The invariant the whole design rests on: our quote and Stripe's session agree to the minor unit.</summary>
    private string VerifyTotals(Quote quote, Session session)
    {
        if (SessionSync.TotalsMatch(quote, session))
        {
            return "success";
        }

        LogTotalsMismatch(logger, session.Id, quote.Totals.Total, session.AmountTotal);
        return $"success; totals differ: quote {quote.Totals.Total}, stripe {session.AmountTotal}";
    }

    private AuditEntry Audit(CheckoutEntity checkout, string action, string? before, Quote? after, string outcome, long started) =>
        new AuditEntry(clock.GetUtcNow(), checkout.OwnerKey, action, "checkout", checkout.Id.ToString())
            .ForCheckout(checkout.Id)
            .WithChange(before, after is null ? null : Totals(after))
            .WithOutcome(outcome.Length > 200 ? outcome[..200] : outcome, Stopwatch.GetElapsedTime(started));

    /// <summary>The audit's picture of a quote (also written when a checkout starts).</summary>
    public static string Totals(Quote quote) => JsonSerializer.Serialize(new
    {
        subtotal = quote.Totals.Subtotal,
        discount = quote.Totals.Discount,
        discount_name = quote.Discount?.Name,
        shipping = quote.Totals.Shipping,
        tax = quote.Totals.Tax,
        total = quote.Totals.Total,
        lines = quote.Lines.Select(l => $"{l.Quantity} x {l.Name}").ToArray(),
    });

    private async Task<int> FindSubscriptionLineAsync(List<WorkingLine> lines, CancellationToken cancellationToken)
    {
        var priceIds = lines.Select(l => l.PriceId).ToList();
        var recurring = await db.Prices.AsNoTracking().Where(p => priceIds.Contains(p.Id) && p.Interval != BillingInterval.None).Select(p => p.Id).ToListAsync(cancellationToken);
        var index = lines.FindIndex(l => recurring.Contains(l.PriceId));
        return index >= 0 ? index : throw Bad("There is no subscription in this order.");
    }

    private async Task<IReadOnlyDictionary<int, int>> HeldByProductAsync(Guid checkoutId, CancellationToken cancellationToken) =>
        await db.InventoryHolds.AsNoTracking().Where(h => h.CheckoutId == checkoutId)
            .ToDictionaryAsync(h => h.ProductId, h => h.Quantity, cancellationToken);

    /// <summary>
    /// Checkout id and version name the change; the digest of the request makes a different change at the same version
    /// (the version is restored after a refusal) a different key, so a retried action never replays or collides.
    /// </summary>
    public static string UpdateIdempotencyKey(Guid checkoutId, int version, object request)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, request.GetType()));
        return $"checkout-{checkoutId}-v{version}-{Convert.ToHexStringLower(digest, 0, 12)}";
    }

    private static CheckoutException Translate(StripeException ex) =>
        ex.StripeError?.Type == "idempotency_error" || ex.HttpStatusCode == System.Net.HttpStatusCode.Conflict
            ? new CheckoutException(StatusCodes.Status409Conflict, "Your order was changed in another window. The page will refresh.")
            : CheckoutException.StripeFailed();

    private static string Describe(Exception ex) => ex switch
    {
        CheckoutException c => $"rejected {c.StatusCode}: {c.Message}",
        StripeException s => $"stripe_error {(int)s.HttpStatusCode} {s.StripeError?.Type}: {s.Message}",
        _ => $"failed: {ex.GetType().Name}",
    };

    private static CheckoutException Bad(string message) => new(StatusCodes.Status400BadRequest, message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout action {Action} on {CheckoutId} failed: {Kind} {Reason}")]
    private static partial void LogActionFailed(ILogger logger, string action, Guid checkoutId, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Quote and Stripe disagree for {SessionId}: quote total {QuoteTotal}, Stripe total {StripeTotal}")]
    private static partial void LogTotalsMismatch(ILogger logger, string sessionId, long quoteTotal, long? stripeTotal);
}
