namespace Storefront.Web.Pricing;

/// <summary>
/// A cart with something physical in it is offered every active rate that serves its country (the shop's default
/// country until Stripe has an address), cheapest first; a rate with a free-over amount costs nothing once the
/// discounted eligible subtotal reaches it. The shopper's pick stays selected while it is offered, else the first.
/// Carts of digital goods and subscriptions ship nothing and get no options.
/// </summary>
public sealed class ShippingRule : IPricingRule
{
    private static readonly Comparison<ShippingOption> Cheapest = static (a, b) =>
    {
        var c = a.Amount.CompareTo(b.Amount);
        return c != 0 ? c : a.RateId.CompareTo(b.RateId);
    };

    public int Order => PricingStage.Shipping;

    public void Apply(PricingContext context)
    {
        var requires = false;
        foreach (ref var line in context.Lines)
        {
            requires |= line.Line.IsShipped;
        }

        context.RequiresShipping = requires;
        if (!requires)
        {
            return;
        }

        var country = context.Request.ShippingAddress?.Country ?? context.Rules.DefaultCountry;
        var rates = context.Rules.ShippingRates;
        var options = new List<ShippingOption>(rates.Count);
        var discounted = context.DiscountedEligibleSubtotal;
        for (var i = 0; i < rates.Count; i++)
        {
            var rate = rates[i];
            if (!string.Equals(rate.Currency, context.Currency, StringComparison.OrdinalIgnoreCase) || !rate.Serves(country))
            {
                continue;
            }

            var free = rate.FreeOverAmount is { } over && discounted >= over && rate.Amount > 0;
            options.Add(new ShippingOption(rate.Id, rate.Name, free ? 0 : rate.Amount, rate.Amount, rate.DeliveryMinDays, rate.DeliveryMaxDays));
            if (free)
            {
                context.Adjustments.Add(new Adjustment(AdjustmentReason.FreeShipping, rate.Name, rate.Amount, rate.Id));
            }
        }

        options.Sort(Cheapest);
        context.ShippingOptions = options;
        context.SelectedShipping = null;
        var wanted = context.Request.SelectedShippingRateId;
        foreach (var option in options)
        {
            if (option.RateId == wanted)
            {
                context.SelectedShipping = option;
                break;
            }
        }

        context.SelectedShipping ??= options.Count > 0 ? options[0] : null;
    }
}
