namespace Storefront.Web.Pricing;

/// <summary>
/// Prices a cart: runs the rules in ascending <see cref="IPricingRule.Order"/> over a fresh
/// <see cref="PricingContext"/> and turns the result into a <see cref="Quote"/>. Pure and thread-safe: no database,
/// no HTTP, no clock (the request carries <c>now</c>).
/// </summary>
public sealed class PricingEngine
{
    private readonly IPricingRule[] rules;

    public PricingEngine(IEnumerable<IPricingRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        this.rules = [.. rules.OrderBy(r => r.Order)];
    }

    /// <summary>The built-in pipeline: base lines, discount candidates, stacking, complimentary item, shipping,
    /// discount spread, tax.</summary>
    public static PricingEngine Default { get; } = new(DefaultRules());

    public IReadOnlyList<IPricingRule> Rules => rules;

    public static IPricingRule[] DefaultRules() =>
    [
        new BaseLinesRule(),
        new LoyaltyTierRule(),
        new CartThresholdRule(),
        new TimeWindowRule(),
        new RegionRule(),
        new CustomerSpecificRule(),
        new PromoCodeRule(),
        new StackingRule(),
        new ComplimentaryItemRule(),
        new ShippingRule(),
        new DiscountSpreadRule(),
        new TaxRule(),
    ];

    public Quote Price(PricingRequest request, PricingRules pricingRules)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pricingRules);
        ArgumentNullException.ThrowIfNull(request.Lines);

        var context = new PricingContext(request, pricingRules);
        foreach (var rule in rules)
        {
            rule.Apply(context);
        }

        return Build(context);
    }

    private static Quote Build(PricingContext context)
    {
        var lines = context.Lines;
        var quoteLines = new QuoteLine[lines.Length];
        long subtotal = 0, discount = 0, exclusive = 0, inclusive = 0;
        AppliedTaxRate? applied = null;
        for (var i = 0; i < lines.Length; i++)
        {
            ref var line = ref lines[i];
            var source = line.Line;
            var exclusiveTax = line.TaxRate is { Inclusive: false } ? line.Tax : 0;
            if (line.TaxRate is { } rate)
            {
                applied = applied is not null && applied.Id == rate.Id
                    ? applied
                    : new AppliedTaxRate(rate.Id, rate.DisplayName, rate.Percentage, rate.Inclusive, rate.StripeTaxRateId);
            }

            quoteLines[i] = new QuoteLine(
                source.Key, source.ProductId, source.PriceId, source.ProductName, source.ProductKind, source.Interval,
                source.Kind, source.TracksStock, source.Kind == Data.Checkouts.CheckoutLineKind.Complimentary ? 0 : source.UnitAmount,
                source.Quantity, line.Subtotal, line.Discount, line.Tax, line.TaxRate is null ? null : applied,
                checked(line.Subtotal - line.Discount + exclusiveTax));
            subtotal = checked(subtotal + line.Subtotal);
            discount += line.Discount;
            exclusive = checked(exclusive + exclusiveTax);
            inclusive = checked(inclusive + (line.TaxRate is { Inclusive: true } ? line.Tax : 0));
        }

        var shipping = context.SelectedShipping?.Amount ?? 0;
        var totals = new QuoteTotals(subtotal, discount, shipping, exclusive, inclusive,
            checked(subtotal - discount + shipping + exclusive));
        var sessionDiscount = context.Discount > 0 ? new SessionDiscount(context.Discount, context.DiscountName ?? "Discount") : null;
        return new Quote(
            context.Currency,
            quoteLines,
            context.Adjustments.ToArray(),
            sessionDiscount,
            context.RequiresShipping,
            context.ShippingOptions is { } options ? options : [],
            context.SelectedShipping,
            totals,
            context.PromoCode);
    }
}
