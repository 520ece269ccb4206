using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Web.Money;
using CheckoutEntity = Storefront.Data.Checkouts.Checkout;

namespace Storefront.Web.Checkout;

public sealed record CheckoutLineView(long Id, string? StripeLineItemId, string Name, int Quantity, string Kind, bool Editable);

public sealed record AddOnView(string Slug, string Name, string Price, bool Included);

/// <summary>The shopper's choices on the checkout page (not amounts: those come from the Stripe session).</summary>
public sealed record CheckoutView(
    string? Interval,
    string? YearlySaving,
    IReadOnlyList<AddOnView> AddOns,
    IReadOnlyList<CheckoutLineView> Lines,
    string? PromotionCode,
    bool NeedsShipping);

public sealed class CheckoutViewBuilder(StorefrontDbContext db)
{
    public async Task<CheckoutView> BuildAsync(CheckoutEntity checkout, CancellationToken cancellationToken)
    {
        var priceIds = checkout.Lines.Select(l => l.PriceId).ToList();
        var prices = await db.Prices.AsNoTracking().Include(p => p.Product).Where(p => priceIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var ordered = checkout.Lines.OrderBy(l => l.Position).ToList();

        string? interval = null;
        string? saving = null;
        var subscription = ordered.FirstOrDefault(l => prices[l.PriceId].IsRecurring);
        if (subscription is not null)
        {
            interval = prices[subscription.PriceId].Interval == BillingInterval.Year ? "year" : "month";
            var both = await db.Prices.AsNoTracking()
                .Where(p => p.ProductId == subscription.ProductId && p.IsActive && p.Currency == checkout.Currency && p.Interval != BillingInterval.None)
                .ToListAsync(cancellationToken);
            var monthly = both.FirstOrDefault(p => p.Interval == BillingInterval.Month);
            var yearly = both.FirstOrDefault(p => p.Interval == BillingInterval.Year);
            if (monthly is not null && yearly is not null && monthly.UnitAmount * 12 > yearly.UnitAmount)
            {
                saving = MoneyFormatter.Format(monthly.UnitAmount * 12 - yearly.UnitAmount, checkout.Currency);
            }
        }

        var addOns = await db.Products.AsNoTracking().Include(p => p.Prices)
            .Where(p => p.Kind == ProductKind.AddOn && p.IsActive)
            .OrderBy(p => p.Name)
            .ToListAsync(cancellationToken);
        var addOnViews = addOns
            .Select(p => (Product: p, Price: p.ActivePrice(checkout.Currency, BillingInterval.None)))
            .Where(x => x.Price is not null)
            .Select(x => new AddOnView(x.Product.Slug, x.Product.Name, MoneyFormatter.Format(x.Price!.UnitAmount, checkout.Currency),
                ordered.Any(l => l.ProductId == x.Product.Id)))
            .ToList();

        var lines = ordered.Select(l => new CheckoutLineView(
                l.Id, l.StripeLineItemId, prices[l.PriceId].Product.Name, l.Quantity, l.Kind.ToString().ToLowerInvariant(), l.Kind == CheckoutLineKind.Product))
            .ToList();
        var needsShipping = ordered.Any(l => prices[l.PriceId].Product.Kind == ProductKind.Physical);
        return new CheckoutView(interval, saving, addOnViews, lines, checkout.PromotionCode, needsShipping);
    }
}
