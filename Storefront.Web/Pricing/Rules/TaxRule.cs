namespace Storefront.Web.Pricing;

/// <summary>
/// Every line is taxed at the active rate for the shipping address (a state's rate beats the country-wide one; no
/// address, no tax). Exclusive tax is added on the discounted line amount; inclusive tax is contained in it. Both are
/// rounded half away from zero per line, as Stripe does; shipping is not taxed.
/// </summary>
public sealed class TaxRule : IPricingRule
{
    public int Order => PricingStage.Tax;

    public void Apply(PricingContext context)
    {
        var rate = RateFor(context.Request.ShippingAddress, context.Rules.TaxRates);
        if (rate is null)
        {
            return;
        }

        foreach (ref var line in context.Lines)
        {
            line.TaxRate = rate;
            line.Tax = TaxOn(line.Subtotal - line.Discount, rate.Percentage, rate.Inclusive);
        }
    }

    /// <summary>Exclusive: round(amount × p / 100). Inclusive: round(amount × p / (100 + p)). Half away from zero.</summary>
    public static long TaxOn(long amount, decimal percentage, bool inclusive)
    {
        var divisor = inclusive ? 100m + percentage : 100m;
        return (long)Math.Round(amount * percentage / divisor, MidpointRounding.AwayFromZero);
    }

    public static TaxRateTerms? RateFor(ShippingAddress? address, IReadOnlyList<TaxRateTerms> rates)
    {
        if (address is null)
        {
            return null;
        }

        TaxRateTerms? countryWide = null;
        for (var i = 0; i < rates.Count; i++)
        {
            var rate = rates[i];
            if (!string.Equals(rate.Country, address.Country, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (rate.State is null)
            {
                countryWide ??= rate;
            }
            else if (string.Equals(rate.State, address.State, StringComparison.OrdinalIgnoreCase))
            {
                return rate;
            }
        }

        return countryWide;
    }
}
