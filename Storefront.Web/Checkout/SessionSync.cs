using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Web.Pricing;
using Storefront.Web.Stripe;
using Stripe;
using Quote = Storefront.Web.Pricing.Quote;
using Stripe.Checkout;
using CheckoutEntity = Storefront.Data.Checkouts.Checkout;

namespace Storefront.Web.Checkout;

/// <summary>A quote line as the Stripe session holds it: at the catalog price (keepable) or at an ad-hoc spread price.</summary>
public sealed record SyncedLine(QuoteLine Line, string StripePriceId, string? StripeTaxRateId, SpreadLine Sent)
{
    /// <summary>Ad-hoc price_data lines are replaced on every update, so their li_ ids are not kept.</summary>
    public bool Keepable => Sent.AtListPrice;
}

/// <summary>One session update, ready to send: the options, whether it needs the preview flag, and the lines it sends.</summary>
public sealed record SessionPush(SessionUpdateOptions Options, bool Preview, DiscountUpdateMode Mode, IReadOnlyList<SyncedLine> Lines);

/// <summary>
/// Maps a Quote to Stripe's session parameters: the whole line_items array (lines at their catalog price keep their
/// li_ id, changed quantities keep it too, new prices are added, dropped lines are left out), per-line tax_rates only
/// where they changed, the shipping options (or cleared), and the discount by the shop's discount mode:
/// <list type="bullet">
/// <item>LinePrices (GA): discounted lines go as <c>price_data</c> at their discounted amount (see <see cref="LinePriceSpread"/>);
/// no preview parameter is sent.</item>
/// <item>Preview: lines at catalog prices and the discount as <c>discounts[0][coupon_data]</c> (or <c>discounts=</c>).</item>
/// </list>
/// Subscriptions use line prices in both modes: the discount is part of the recurring price, so it recurs on every renewal.
/// </summary>
public sealed class SessionSync(StripeCatalogSync catalog)
{
    public const string ShippingRateMetadataKey = "storefront_shipping_rate_id";
    public const string ProductMetadataKey = "storefront_product_id";

    /// <summary>The promise the checkout page shows next to Pay for a subscription.</summary>
    public const string RenewalPromise = "Your discount is part of the subscription price: it applies to the first payment and to every renewal.";

    /// <summary>The mode a checkout's discount actually uses: subscriptions always bake it into the recurring price.</summary>
    public static DiscountUpdateMode EffectiveMode(CheckoutEntity checkout, DiscountUpdateMode configured) =>
        checkout.Mode == CheckoutMode.Subscription ? DiscountUpdateMode.LinePrices : configured;

    public async Task<SessionPush> BuildUpdateAsync(CheckoutEntity checkout, Quote quote, DiscountUpdateMode configured, CancellationToken cancellationToken)
    {
        var mode = EffectiveMode(checkout, configured);
        await catalog.PrefetchAsync(checkout.Lines.Select(l => l.PriceId), [], cancellationToken);
        var synced = await SyncLinesAsync(quote, mode, cancellationToken);
        var current = checkout.Lines.Where(l => l.StripeLineItemId is not null).OrderBy(l => l.Position).ToList();
        var existing = new List<ExistingLineItem>(current.Count);
        foreach (var line in current)
        {
            existing.Add(new ExistingLineItem(line.StripeLineItemId!, await catalog.EnsurePriceAsync(line.PriceId, cancellationToken), line.Quantity));
        }

        // Ad-hoc lines are never matched: their wanted "price" is unique, so they are always added afresh.
        var wanted = synced.Select((s, i) => new WantedLineItem(s.Keepable ? s.StripePriceId : $"adhoc:{i}", s.Sent.Quantity)).ToList();
        var changes = LineItemDiff.Compute(existing, wanted);
        var lineItems = new List<SessionLineItemOptions>(changes.Count);
        for (var i = 0; i < changes.Count; i++)
        {
            var wantedTax = synced[i].StripeTaxRateId;
            lineItems.Add(changes[i] switch
            {
                LineItemChange.Keep keep => WithTax(new SessionLineItemOptions { Id = keep.Id }, TaxRateOf(current, keep.Id), wantedTax),
                LineItemChange.Change change => WithTax(new SessionLineItemOptions { Id = change.Id, Quantity = change.Quantity }, TaxRateOf(current, change.Id), wantedTax),
                LineItemChange.Add => NewLineItem(synced[i], quote.Currency),
                _ => throw new InvalidOperationException("Unknown line item change."),
            });
        }

        var options = new SessionUpdateOptions
        {
            LineItems = lineItems,
            ShippingOptions = ShippingOptions(quote),
            Expand = ["line_items"],
        };
        var preview = mode == DiscountUpdateMode.Preview;
        if (preview)
        {
            AddPreviewDiscount(options, quote);
        }

        return new SessionPush(options, preview, mode, synced);
    }

    /// <summary>The lines of a new session in this mode (create takes line items with tax rates; never a discount here).</summary>
    public async Task<IReadOnlyList<SyncedLine>> SyncLinesAsync(Quote quote, DiscountUpdateMode mode, CancellationToken cancellationToken)
    {
        await catalog.PrefetchAsync(quote.Lines.Select(l => l.PriceId), quote.Lines.Where(l => l.TaxRate is not null).Select(l => l.TaxRate!.Id), cancellationToken);
        var synced = new List<SyncedLine>(quote.Lines.Count);
        foreach (var line in quote.Lines)
        {
            var priceId = await catalog.EnsurePriceAsync(line.PriceId, cancellationToken);
            var taxRateId = line.TaxRate is null ? null : await catalog.EnsureTaxRateAsync(line.TaxRate.Id, cancellationToken);
            var sent = mode == DiscountUpdateMode.LinePrices
                ? LinePriceSpread.For(line)
                : new SpreadLine(line.UnitAmount, line.Quantity, AtListPrice: true, Folded: false);
            synced.Add(new SyncedLine(line, priceId, taxRateId, sent));
        }

        return synced;
    }

    /// <summary>A line item to add: the catalog price, or an ad-hoc price at the discounted amount.</summary>
    public static SessionLineItemOptions NewLineItem(SyncedLine line, string currency)
    {
        var taxRates = line.StripeTaxRateId is null ? null : new List<string> { line.StripeTaxRateId };
        if (line.Keepable)
        {
            return new SessionLineItemOptions { Price = line.StripePriceId, Quantity = line.Sent.Quantity, TaxRates = taxRates };
        }

        var quoteLine = line.Line;
        return new SessionLineItemOptions
        {
            PriceData = new SessionLineItemPriceDataOptions
            {
                Currency = currency,
                UnitAmount = line.Sent.UnitAmount,
                ProductData = new SessionLineItemPriceDataProductDataOptions
                {
                    Name = line.Sent.Folded ? LinePriceSpread.FoldedName(quoteLine) : quoteLine.Name,
                    Metadata = new Dictionary<string, string> { [ProductMetadataKey] = quoteLine.ProductId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
                Recurring = quoteLine.Interval switch
                {
                    BillingInterval.Month => new SessionLineItemPriceDataRecurringOptions { Interval = "month" },
                    BillingInterval.Year => new SessionLineItemPriceDataRecurringOptions { Interval = "year" },
                    _ => null,
                },
            },
            Quantity = line.Sent.Quantity,
            TaxRates = taxRates,
        };
    }

    /// <summary>Preview: the one composed discount as coupon_data, or <c>discounts=</c> to clear it.</summary>
    public static void AddPreviewDiscount(BaseOptions options, Quote quote)
    {
        if (quote.Discount is { Amount: > 0 } discount)
        {
            options.AddExtraParam("discounts[0][coupon_data][name]", discount.Name);
            options.AddExtraParam("discounts[0][coupon_data][amount_off]", discount.Amount);
            options.AddExtraParam("discounts[0][coupon_data][currency]", quote.Currency);
            options.AddExtraParam("discounts[0][coupon_data][duration]", "once");
        }
        else
        {
            options.AddExtraParam("discounts", "");
        }
    }

    /// <summary>Preview: the browser may not change line items or discounts itself (both are preview permissions).</summary>
    public static void AddPreviewPermissions(BaseOptions options)
    {
        options.AddExtraParam("permissions[update_line_items]", "server_only");
        options.AddExtraParam("permissions[update_discounts]", "server_only");
    }

    public static List<SessionShippingOptionOptions> ShippingOptions(Quote quote) =>
        quote.RequiresShipping && quote.ShippingOptions.Count > 0
            ? quote.ShippingOptions.Take(5).Select(o => new SessionShippingOptionOptions
            {
                ShippingRateData = new SessionShippingOptionShippingRateDataOptions
                {
                    DisplayName = o.IsFree ? $"{o.DisplayName} (free)" : o.DisplayName,
                    Type = "fixed_amount",
                    FixedAmount = new SessionShippingOptionShippingRateDataFixedAmountOptions { Amount = o.Amount, Currency = quote.Currency },
                    DeliveryEstimate = new SessionShippingOptionShippingRateDataDeliveryEstimateOptions
                    {
                        Minimum = new SessionShippingOptionShippingRateDataDeliveryEstimateMinimumOptions { Unit = "business_day", Value = Math.Max(1, o.DeliveryMinDays) },
                        Maximum = new SessionShippingOptionShippingRateDataDeliveryEstimateMaximumOptions { Unit = "business_day", Value = Math.Max(1, o.DeliveryMaxDays) },
                    },
                    Metadata = new Dictionary<string, string> { [ShippingRateMetadataKey] = o.RateId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
            }).ToList()
            : [];

    /// <summary>Stripe's totals and the quote's agree (LinePrices moves the discount into the subtotal, so compare after it).</summary>
    public static bool TotalsMatch(Quote quote, Session session) =>
        (session.AmountSubtotal ?? 0) - (session.TotalDetails?.AmountDiscount ?? 0) == quote.Totals.Subtotal - quote.Totals.Discount
        && (session.TotalDetails?.AmountTax ?? 0) == quote.Totals.Tax
        && (session.TotalDetails?.AmountShipping ?? 0) == quote.Totals.Shipping
        && session.AmountTotal == quote.Totals.Total;

    private static string? TaxRateOf(IReadOnlyList<CheckoutLine> lines, string lineItemId) =>
        lines.First(l => l.StripeLineItemId == lineItemId).StripeTaxRateId;

    /// <summary>Tax rates are sent only when they change; an empty list clears them.</summary>
    private static SessionLineItemOptions WithTax(SessionLineItemOptions item, string? had, string? wanted)
    {
        if (had != wanted)
        {
            item.TaxRates = wanted is null ? [] : [wanted];
        }

        return item;
    }
}
