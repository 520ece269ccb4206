using Storefront.Data.Checkouts;
using Storefront.Web.Pricing;
using Storefront.Web.Stripe;
using CheckoutEntity = Storefront.Data.Checkouts.Checkout;

namespace Storefront.Web.Checkout;

/// <summary>A quote line as the Stripe session will hold it.</summary>
public sealed record SyncedLine(QuoteLine Line, string StripePriceId, string? StripeTaxRateId);

/// <summary>
/// Maps a Quote to one Stripe session update: the whole line_items array (unchanged lines keep their li_ id, changed
/// quantities keep it too, new prices are added, dropped lines are left out), per-line tax_rates only where they
/// changed, the one discount as coupon_data (or cleared), and the shipping options (or cleared).
/// Catalog prices and tax rates are synced to Stripe first, which costs calls only the first time each is used.
/// </summary>
public sealed class SessionSync(StripeCatalogSync catalog)
{
    public const string ShippingRateMetadataKey = "storefront_shipping_rate_id";

    public async Task<(CheckoutSessionUpdateRequest Request, IReadOnlyList<SyncedLine> Lines)> BuildUpdateAsync(
        CheckoutEntity checkout, Quote quote, CancellationToken cancellationToken)
    {
        await catalog.PrefetchAsync(checkout.Lines.Select(l => l.PriceId), [], cancellationToken);
        var synced = await SyncLinesAsync(quote, cancellationToken);
        var current = checkout.Lines.Where(l => l.StripeLineItemId is not null).OrderBy(l => l.Position).ToList();
        var existing = new List<ExistingLineItem>(current.Count);
        foreach (var line in current)
        {
            existing.Add(new ExistingLineItem(line.StripeLineItemId!, await catalog.EnsurePriceAsync(line.PriceId, cancellationToken), line.Quantity));
        }

        var changes = LineItemDiff.Compute(existing, synced.Select(s => new WantedLineItem(s.StripePriceId, s.Line.Quantity)).ToList());
        var lineItems = new List<SessionLineItemParams>(changes.Count);
        for (var i = 0; i < changes.Count; i++)
        {
            var wantedTax = synced[i].StripeTaxRateId;
            lineItems.Add(changes[i] switch
            {
                LineItemChange.Keep keep => WithTax(new SessionLineItemParams { Id = keep.Id }, TaxRateOf(current, keep.Id), wantedTax),
                LineItemChange.Change change => WithTax(new SessionLineItemParams { Id = change.Id, Quantity = change.Quantity }, TaxRateOf(current, change.Id), wantedTax),
                LineItemChange.Add add => SessionLineItemParams.AddPrice(add.PriceId, add.Quantity, wantedTax is null ? null : [wantedTax]),
                _ => throw new InvalidOperationException("Unknown line item change."),
            });
        }

        var request = new CheckoutSessionUpdateRequest
        {
            LineItems = lineItems,
            Discounts = Discounts(quote),
            ShippingOptions = ShippingOptions(quote),
            Expand = ["line_items"],
        };
        return (request, synced);
    }

    /// <summary>The parameters a new session starts with (create takes line items with tax rates and shipping options; a discount is added by a coupon).</summary>
    public async Task<IReadOnlyList<SyncedLine>> SyncLinesAsync(Quote quote, CancellationToken cancellationToken)
    {
        await catalog.PrefetchAsync(quote.Lines.Select(l => l.PriceId), quote.Lines.Where(l => l.TaxRate is not null).Select(l => l.TaxRate!.Id), cancellationToken);
        var synced = new List<SyncedLine>(quote.Lines.Count);
        foreach (var line in quote.Lines)
        {
            var priceId = await catalog.EnsurePriceAsync(line.PriceId, cancellationToken);
            var taxRateId = line.TaxRate is null ? null : await catalog.EnsureTaxRateAsync(line.TaxRate.Id, cancellationToken);
            synced.Add(new SyncedLine(line, priceId, taxRateId));
        }

        return synced;
    }

    public static IReadOnlyList<SessionDiscountParams> Discounts(Quote quote) =>
        quote.Discount is { Amount: > 0 } discount
            ? [SessionDiscountParams.AmountOff(discount.Name, discount.Amount, quote.Currency)]
            : CheckoutSessionUpdateRequest.Clear<SessionDiscountParams>();

    public static IReadOnlyList<SessionShippingOptionParams> ShippingOptions(Quote quote) =>
        quote.RequiresShipping && quote.ShippingOptions.Count > 0
            ? quote.ShippingOptions.Take(5).Select(o => new SessionShippingOptionParams
            {
                ShippingRateData = new ShippingRateDataParams
                {
                    DisplayName = o.IsFree ? $"{o.DisplayName} (free)" : o.DisplayName,
                    FixedAmount = new FixedAmountParams { Amount = o.Amount, Currency = quote.Currency },
                    DeliveryEstimate = new DeliveryEstimateParams
                    {
                        Minimum = new DeliveryEstimateBoundParams { Unit = "business_day", Value = Math.Max(1, o.DeliveryMinDays) },
                        Maximum = new DeliveryEstimateBoundParams { Unit = "business_day", Value = Math.Max(1, o.DeliveryMaxDays) },
                    },
                    Metadata = new Dictionary<string, string> { [ShippingRateMetadataKey] = o.RateId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
            }).ToList()
            : CheckoutSessionUpdateRequest.Clear<SessionShippingOptionParams>();

    private static string? TaxRateOf(IReadOnlyList<CheckoutLine> lines, string lineItemId) =>
        lines.First(l => l.StripeLineItemId == lineItemId).StripeTaxRateId;

    /// <summary>Tax rates are sent only when they change; an empty list clears them.</summary>
    private static SessionLineItemParams WithTax(SessionLineItemParams item, string? had, string? wanted) =>
        had == wanted ? item : item with { TaxRates = wanted is null ? [] : [wanted] };
}
