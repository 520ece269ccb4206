using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Audit;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Orders;
using Storefront.Data.Stripe;
using Storefront.Web.Stripe;
using Stripe;
using Stripe.Checkout;
using Product = Storefront.Data.Catalog.Product;
using CheckoutEntity = Storefront.Data.Checkouts.Checkout;

namespace Storefront.Web.Checkout;

public enum FulfilmentOutcome
{
    Fulfilled,
    Expired,
    PaymentStatusChanged,
    Duplicate,
    NotOurs,
    Ignored,
}

/// <summary>
/// Acts on Stripe's webhook events, exactly once: the processed-event row is written in the same transaction as the
/// order, stock and spend changes, and an order is unique per checkout. The order is built from the server-side
/// checkout and from Stripe's own record of the session (fetched, not taken from the event body), never from the browser.
/// </summary>
public sealed partial class Fulfilment(StorefrontDbContext db, IStripeGateway stripe, TimeProvider clock, ILogger<Fulfilment> logger)
{
    public async Task<FulfilmentOutcome> HandleAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        FulfilmentOutcome outcome;
        try
        {
            outcome = stripeEvent.Type switch
            {
                EventTypes.CheckoutSessionCompleted => await CompleteAsync(stripeEvent, cancellationToken),
                EventTypes.CheckoutSessionExpired => await ExpireAsync(stripeEvent, cancellationToken),
                EventTypes.CheckoutSessionAsyncPaymentSucceeded => await SetPaymentStatusAsync(stripeEvent, OrderStatus.Paid, cancellationToken),
                EventTypes.CheckoutSessionAsyncPaymentFailed => await SetPaymentStatusAsync(stripeEvent, OrderStatus.PaymentFailed, cancellationToken),
                _ => FulfilmentOutcome.Ignored,
            };
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery of the same event (or of another event for the same session) won the race and
            // committed first; its transaction did the work. Anything else is a real failure: let Stripe retry.
            db.ChangeTracker.Clear();
            if (!await IsProcessedAsync(stripeEvent.Id) && !await HasOrderAsync(stripeEvent))
            {
                throw;
            }

            outcome = FulfilmentOutcome.Duplicate;
        }

        LogHandled(logger, stripeEvent.Id, stripeEvent.Type, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return outcome;
    }

    private async Task<FulfilmentOutcome> CompleteAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        var sessionId = SessionIdOf(stripeEvent);
        if (await IsProcessedAsync(stripeEvent.Id))
        {
            return FulfilmentOutcome.Duplicate;
        }

        // Stripe's current record of the session (with the amounts actually charged); failures surface as 5xx so Stripe retries.
        var session = await stripe.GetCheckoutSessionAsync(sessionId, expandLineItems: true, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await IsProcessedAsync(stripeEvent.Id))
        {
            return FulfilmentOutcome.Duplicate;
        }

        var checkout = await db.Checkouts.Include(c => c.Lines).SingleOrDefaultAsync(c => c.StripeSessionId == sessionId, cancellationToken);
        var outcome = FulfilmentOutcome.NotOurs;
        if (checkout is not null && await db.Orders.AnyAsync(o => o.CheckoutId == checkout.Id, cancellationToken))
        {
            outcome = FulfilmentOutcome.Duplicate;
        }
        else if (checkout is not null)
        {
            await FulfilAsync(checkout, session, stripeEvent.Id, cancellationToken);
            outcome = FulfilmentOutcome.Fulfilled;
        }

        db.ProcessedStripeEvents.Add(new ProcessedStripeEvent(stripeEvent.Id, stripeEvent.Type!, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    private async Task FulfilAsync(CheckoutEntity checkout, Session session, string eventId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var productIds = checkout.Lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var priceIds = checkout.Lines.Select(l => l.PriceId).Distinct().ToList();
        var prices = await db.Prices.Where(p => priceIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var items = session.LineItems?.Data ?? [];

        // Each line at its catalog price with its discount: in LinePrices mode Stripe charged discounted ad-hoc prices
        // (and no session discount), so the line's discount is what it came to less than its catalog amount.
        var orderLines = new List<OrderLine>();
        foreach (var line in checkout.Lines.OrderBy(l => l.Position))
        {
            // Lines are matched by li_ id, else by position (ad-hoc lines carry no stored id).
            var item = items.FirstOrDefault(i => i.Id == line.StripeLineItemId) ?? (line.Position < items.Count ? items[line.Position] : null);
            var price = prices[line.PriceId];
            var listAmount = price.UnitAmount * line.Quantity;
            var charged = item is null ? listAmount : item.AmountSubtotal - item.AmountDiscount;
            orderLines.Add(new OrderLine(
                line.ProductId,
                products[line.ProductId].Name,
                price.UnitAmount,
                line.Quantity,
                price.Interval,
                Math.Max(0, listAmount - charged),
                item?.AmountTax ?? 0,
                item?.AmountTotal ?? listAmount));
        }

        var subtotal = orderLines.Sum(l => l.AmountSubtotal);
        var chargedBeforeTax = (session.AmountSubtotal ?? 0) - (session.TotalDetails?.AmountDiscount ?? 0);
        var totals = new OrderTotals(
            subtotal,
            Math.Max(0, subtotal - chargedBeforeTax),
            session.TotalDetails?.AmountShipping ?? 0,
            session.TotalDetails?.AmountTax ?? 0,
            session.AmountTotal ?? 0);
        var email = session.CustomerDetails?.Email ?? session.CustomerEmail ?? checkout.CustomerEmail ?? "";
        var order = new Order(checkout.Id, session.Id, checkout.UserId, email, checkout.Currency, totals, now);
        order.LinkPayment(session.PaymentIntentId, session.SubscriptionId);
        order.SetStatus(session.PaymentStatus == "unpaid" ? OrderStatus.Processing : OrderStatus.Paid);
        foreach (var orderLine in orderLines)
        {
            order.AddLine(orderLine);
        }

        db.Orders.Add(order);
        await RedeemCodeAsync(checkout.PromotionCode, cancellationToken);
        await TakeStockAsync(checkout, products, cancellationToken);
        await RaiseLifetimeSpendAsync(checkout.UserId, totals.Total, cancellationToken);
        await ClearCartAsync(checkout.OwnerKey, cancellationToken);
        checkout.Complete();
        db.AuditEntries.Add(new AuditEntry(now, "stripe", "checkout.completed", "order", order.Number)
            .ForCheckout(checkout.Id)
            .WithChange(null, $"{{\"event\":\"{eventId}\",\"amount_total\":{totals.Total}}}"));
    }

    /// <summary>Held units leave the shelf: stock goes down by what was bought and the holds are dropped.</summary>
    private async Task TakeStockAsync(CheckoutEntity checkout, IReadOnlyDictionary<int, Product> products, CancellationToken cancellationToken)
    {
        var trackedIds = products.Values.Where(p => p.TracksStock).Select(p => p.Id).ToList();
        var levels = await db.StockLevels.Where(s => trackedIds.Contains(s.ProductId)).ToListAsync(cancellationToken);
        foreach (var level in levels)
        {
            var bought = checkout.Lines.Where(l => l.ProductId == level.ProductId).Sum(l => l.Quantity);
            if (bought > level.OnHand)
            {
                LogOversold(logger, level.ProductId, bought, level.OnHand);
            }

            level.SetOnHand(Math.Max(0, level.OnHand - bought));
        }

        db.InventoryHolds.RemoveRange(await db.InventoryHolds.Where(h => h.CheckoutId == checkout.Id).ToListAsync(cancellationToken));
    }

    /// <summary>A code used in a paid order counts against its redemption limit.</summary>
    private async Task RedeemCodeAsync(string? code, CancellationToken cancellationToken)
    {
        if (code is null)
        {
            return;
        }

        var promotion = await db.Promotions.SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        promotion?.Redeem();
    }

    private async Task RaiseLifetimeSpendAsync(string? userId, long amount, CancellationToken cancellationToken)
    {
        if (userId is null || amount <= 0)
        {
            return;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        user?.AddSpend(amount);
    }

    private async Task ClearCartAsync(string ownerKey, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.Include(c => c.Lines).SingleOrDefaultAsync(c => c.OwnerKey == ownerKey, cancellationToken);
        cart?.Clear(clock.GetUtcNow());
    }

    private async Task<FulfilmentOutcome> ExpireAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        var sessionId = SessionIdOf(stripeEvent);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await IsProcessedAsync(stripeEvent.Id))
        {
            return FulfilmentOutcome.Duplicate;
        }

        var checkout = await db.Checkouts.SingleOrDefaultAsync(c => c.StripeSessionId == sessionId, cancellationToken);
        if (checkout is { Status: CheckoutStatus.Open })
        {
            checkout.Expire();
            db.InventoryHolds.RemoveRange(await db.InventoryHolds.Where(h => h.CheckoutId == checkout.Id).ToListAsync(cancellationToken));
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), "stripe", "checkout.expired", "checkout", checkout.Id.ToString()).ForCheckout(checkout.Id));
        }

        db.ProcessedStripeEvents.Add(new ProcessedStripeEvent(stripeEvent.Id, stripeEvent.Type!, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return checkout is null ? FulfilmentOutcome.NotOurs : FulfilmentOutcome.Expired;
    }

    private async Task<FulfilmentOutcome> SetPaymentStatusAsync(Event stripeEvent, OrderStatus status, CancellationToken cancellationToken)
    {
        var sessionId = SessionIdOf(stripeEvent);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await IsProcessedAsync(stripeEvent.Id))
        {
            return FulfilmentOutcome.Duplicate;
        }

        var order = await db.Orders.SingleOrDefaultAsync(o => o.StripeSessionId == sessionId, cancellationToken);
        if (order is null)
        {
            // Out of order: the completed event has not been handled yet. Answer 5xx-free but unprocessed so Stripe retries.
            throw new FulfilmentNotReadyException(sessionId);
        }

        order.SetStatus(status);
        db.ProcessedStripeEvents.Add(new ProcessedStripeEvent(stripeEvent.Id, stripeEvent.Type!, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return FulfilmentOutcome.PaymentStatusChanged;
    }

    private async Task<bool> HasOrderAsync(Event stripeEvent)
    {
        var sessionId = SessionIdOf(stripeEvent);
        return await db.Orders.AsNoTracking().AnyAsync(o => o.StripeSessionId == sessionId);
    }

    /// <summary>The session a checkout.session.* event is about (the endpoint refuses events without one).</summary>
    public static string SessionIdOf(Event stripeEvent) =>
        (stripeEvent.Data?.Object as Session)?.Id is { Length: > 0 } id ? id : throw new ArgumentException("The event carries no checkout session.", nameof(stripeEvent));

    private Task<bool> IsProcessedAsync(string eventId) => db.ProcessedStripeEvents.AsNoTracking().AnyAsync(e => e.EventId == eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe event {EventId} ({Type}): {Outcome} in {ElapsedMs} ms")]
    private static partial void LogHandled(ILogger logger, string eventId, string? type, FulfilmentOutcome outcome, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Product {ProductId} oversold: {Bought} bought with {OnHand} on hand")]
    private static partial void LogOversold(ILogger logger, int productId, int bought, int onHand);
}

/// <summary>An event that depends on one not yet handled (events arrive out of order); the webhook answers 409 so Stripe retries.</summary>
public sealed class FulfilmentNotReadyException(string sessionId) : Exception($"Session {sessionId} has no order yet.");
