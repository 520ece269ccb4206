using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Web.Pricing;
using CheckoutEntity = Storefront.Data.Checkouts.Checkout;

namespace Storefront.Web.Checkout;

/// <summary>A line as an action wants it, before pricing: an existing checkout line (kept or changed) or a new one.</summary>
public sealed record WorkingLine(CheckoutLine? Existing, int ProductId, int PriceId, int Quantity, CheckoutLineKind Kind)
{
    /// <summary>Quote line key: the checkout line id, or a placeholder for a line the action adds.</summary>
    public string Key { get; init; } = Existing is null ? $"new:{Guid.NewGuid():N}" : Existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static WorkingLine From(CheckoutLine line) => new(line, line.ProductId, line.PriceId, line.Quantity, line.Kind);
}

/// <summary>
/// Builds the pricing request for a checkout from the database (catalog prices, the customer's lifetime spend, the
/// address Stripe collected) and prices it with the engine. The browser contributes nothing but its intent.
/// </summary>
public sealed class CheckoutQuoter(StorefrontDbContext db, PricingEngine engine, PricingRulesSource rules, TimeProvider clock)
{
    public async Task<Quote> QuoteAsync(CheckoutEntity checkout, IReadOnlyList<WorkingLine> lines, string? promotionCode, CancellationToken cancellationToken)
    {
        var priceIds = lines.Select(l => l.PriceId).Distinct().ToList();
        var prices = await db.Prices.AsNoTracking().Include(p => p.Product)
            .Where(p => priceIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var productIds = lines.Select(l => l.ProductId).Distinct().ToList();
        var tracked = (await db.StockLevels.AsNoTracking().Where(s => productIds.Contains(s.ProductId)).Select(s => s.ProductId).ToListAsync(cancellationToken)).ToHashSet();

        var pricingLines = lines.Select(l =>
        {
            var price = prices[l.PriceId];
            return new PricingLine(l.Key, l.ProductId, price.Product.Name, price.Product.Kind, price.Id, price.UnitAmount, price.Interval, l.Quantity, l.Kind, tracked.Contains(l.ProductId));
        }).ToList();

        var customer = CustomerContext.Guest;
        if (checkout.UserId is not null)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == checkout.UserId).Select(u => new { u.Id, u.LifetimeSpend, u.Email }).SingleOrDefaultAsync(cancellationToken);
            customer = user is null ? CustomerContext.Guest : new CustomerContext(user.Id, user.LifetimeSpend, user.Email);
        }

        var address = checkout.ShippingCountry is null ? null : new ShippingAddress(checkout.ShippingCountry, checkout.ShippingState, checkout.ShippingPostalCode);
        var request = new PricingRequest(checkout.Currency, pricingLines, customer, address, promotionCode, null, clock.GetUtcNow());
        return engine.Price(request, await rules.GetAsync(cancellationToken));
    }

    /// <summary>The checkout as it stands, priced.</summary>
    public Task<Quote> QuoteAsync(CheckoutEntity checkout, CancellationToken cancellationToken) =>
        QuoteAsync(checkout, checkout.Lines.OrderBy(l => l.Position).Select(WorkingLine.From).ToList(), checkout.PromotionCode, cancellationToken);
}
