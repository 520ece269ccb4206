using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Web.Stripe;
using Stripe;
using Price = Storefront.Data.Catalog.Price;

namespace Storefront.Web.Checkout;

/// <summary>
/// Makes sure a catalog price exists in Stripe before a session uses it. Prices are found by lookup key (so a
/// restarted shop with an empty id column finds what it created before) and created otherwise; the ids are cached
/// in the database. Idempotency keys are derived from our ids, so two shoppers syncing at once create one object.
/// </summary>
public sealed class StripeCatalogSync(StorefrontDbContext db, IStripeGateway stripe)
{
    // Stripe ids already known in this request: an action asks for the same few prices several times.
    private readonly Dictionary<int, string> knownPrices = new();
    private readonly Dictionary<int, string> knownTaxRates = new();

    /// <summary>Reads the Stripe ids of these prices (and tax rates) in one query each, so later lookups cost nothing.</summary>
    public async Task PrefetchAsync(IEnumerable<int> priceIds, IEnumerable<int> taxRateIds, CancellationToken cancellationToken)
    {
        var prices = priceIds.Where(id => !knownPrices.ContainsKey(id)).Distinct().ToList();
        if (prices.Count > 0)
        {
            foreach (var row in await db.Prices.AsNoTracking().Where(p => prices.Contains(p.Id) && p.StripePriceId != null)
                         .Select(p => new { p.Id, p.StripePriceId }).ToListAsync(cancellationToken))
            {
                knownPrices[row.Id] = row.StripePriceId!;
            }
        }

        var rates = taxRateIds.Where(id => !knownTaxRates.ContainsKey(id)).Distinct().ToList();
        if (rates.Count > 0)
        {
            foreach (var row in await db.TaxRates.AsNoTracking().Where(r => rates.Contains(r.Id) && r.StripeTaxRateId != null)
                         .Select(r => new { r.Id, r.StripeTaxRateId }).ToListAsync(cancellationToken))
            {
                knownTaxRates[row.Id] = row.StripeTaxRateId!;
            }
        }
    }

    public async Task<string> EnsurePriceAsync(int priceId, CancellationToken cancellationToken)
    {
        if (knownPrices.TryGetValue(priceId, out var known))
        {
            return known;
        }

        var price = await db.Prices.Include(p => p.Product).SingleAsync(p => p.Id == priceId, cancellationToken);
        if (price.StripePriceId is not null)
        {
            return knownPrices[priceId] = price.StripePriceId;
        }

        var product = price.Product;
        if (product.StripeProductId is null)
        {
            var created = await stripe.CreateProductAsync(
                new ProductCreateOptions
                {
                    Name = product.Name,
                    Metadata = new Dictionary<string, string> { ["storefront_product_id"] = product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
                $"sf-product-{product.Id}-{product.Slug}",
                cancellationToken);
            product.LinkStripeProduct(created.Id);
        }

        var lookupKey = price.LookupKey ?? $"sf-price-{price.Id}";
        var existing = (await stripe.ListPricesAsync(new PriceListOptions { LookupKeys = [lookupKey], Limit = 1 }, cancellationToken)).Data
            .FirstOrDefault(p => Matches(p, price, product.StripeProductId!));
        var stripePriceId = existing?.Id ?? (await stripe.CreatePriceAsync(
            new PriceCreateOptions
            {
                Currency = price.Currency,
                Product = product.StripeProductId,
                UnitAmount = price.UnitAmount,
                Recurring = price.Interval switch
                {
                    BillingInterval.Month => new PriceRecurringOptions { Interval = "month" },
                    BillingInterval.Year => new PriceRecurringOptions { Interval = "year" },
                    _ => null,
                },
                LookupKey = lookupKey,
                TransferLookupKey = true,
                Metadata = new Dictionary<string, string> { ["storefront_price_id"] = price.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
            // The key names everything the price is made of, so a different price can never replay this one.
            $"sf-price-{lookupKey}-{price.Currency}-{price.UnitAmount}-{price.Interval}",
            cancellationToken)).Id;

        price.LinkStripePrice(stripePriceId);
        await db.SaveChangesAsync(cancellationToken);
        return knownPrices[priceId] = stripePriceId;
    }

    /// <summary>Our tax rate as a Stripe tax rate (immutable there: a changed percentage gets a new one).</summary>
    public async Task<string> EnsureTaxRateAsync(int taxRateId, CancellationToken cancellationToken)
    {
        if (knownTaxRates.TryGetValue(taxRateId, out var known))
        {
            return known;
        }

        var rate = await db.TaxRates.SingleAsync(r => r.Id == taxRateId, cancellationToken);
        if (rate.StripeTaxRateId is not null)
        {
            return knownTaxRates[taxRateId] = rate.StripeTaxRateId;
        }

        var percentage = rate.Percentage.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        var created = await stripe.CreateTaxRateAsync(
            new TaxRateCreateOptions
            {
                DisplayName = rate.DisplayName,
                Percentage = rate.Percentage,
                Inclusive = rate.Inclusive,
                Country = rate.Country,
                State = rate.State,
            },
            $"sf-txr-{rate.Id}-{rate.Country}-{rate.State}-{percentage}-{rate.Inclusive}",
            cancellationToken);
        rate.LinkStripeTaxRate(created.Id);
        await db.SaveChangesAsync(cancellationToken);
        return knownTaxRates[taxRateId] = created.Id;
    }

    private static bool Matches(global::Stripe.Price stripePrice, Price price, string stripeProductId) =>
        stripePrice.Active
        && stripePrice.ProductId == stripeProductId
        && stripePrice.UnitAmount == price.UnitAmount
        && string.Equals(stripePrice.Currency, price.Currency, StringComparison.OrdinalIgnoreCase)
        && (stripePrice.Recurring?.Interval ?? "none") == price.Interval switch
        {
            BillingInterval.Month => "month",
            BillingInterval.Year => "year",
            _ => "none",
        };
}
