namespace Storefront.StripeEmulator.Internal;

/// <summary>
/// Session arithmetic (STRIPE.md "Totals"). All amounts are integers in minor units, so zero-decimal currencies
/// (JPY…) need no special case. Rounding everywhere is half away from zero.
/// <list type="number">
/// <item>line subtotal = unit_amount × quantity; session subtotal = Σ line subtotals.</item>
/// <item>session discount D: amount_off capped at the subtotal, or round(subtotal × percent_off / 100).</item>
/// <item>D is spread over the lines in proportion to their subtotals with the largest-remainder method
/// (floor shares, then one unit each to the largest remainders; ties go to the earlier line), so Σ = D.</item>
/// <item>per line, amount = subtotal − discount share. Inclusive rates: net = amount / (1 + Σ inclusive%/100),
/// each inclusive tax = round(net × p/100), contained in the amount (not added). Exclusive rates: tax =
/// round(base × p/100) where base = amount − inclusive taxes, added on top.</item>
/// <item>line amount_tax = exclusive + inclusive taxes; line amount_total = subtotal − discount + exclusive tax.</item>
/// <item>shipping = the selected option's fixed amount (untaxed).</item>
/// <item>amount_total = subtotal − D + shipping + Σ exclusive tax; total_details.amount_tax = exclusive + inclusive
/// (Stripe reports all tax there; <c>amount_total</c> only adds the exclusive part).</item>
/// </list>
/// </summary>
internal static class Totals
{
    public static long RoundHalfAway(decimal x) => (long)Math.Round(x, MidpointRounding.AwayFromZero);

    public static long SessionDiscount(long subtotal, Coupon? coupon)
    {
        if (coupon is null || subtotal <= 0) return 0;
        if (coupon.AmountOff is { } off) return Math.Min(off, subtotal);
        return Math.Min(subtotal, RoundHalfAway(subtotal * coupon.PercentOff!.Value / 100m));
    }

    /// <summary>Largest-remainder split of <paramref name="total"/> in proportion to <paramref name="weights"/>.</summary>
    public static long[] Spread(long total, IReadOnlyList<long> weights)
    {
        var result = new long[weights.Count];
        var sum = weights.Sum();
        if (total == 0 || sum <= 0) return result;
        var remainders = new (Int128 Rem, int Index)[weights.Count];
        long assigned = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = (Int128)total * weights[i];
            result[i] = (long)(product / sum);
            remainders[i] = (product % sum, i);
            assigned += result[i];
        }
        var left = total - assigned;
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Rem).ThenBy(r => r.Index))
        {
            if (left <= 0) break;
            result[index]++;
            left--;
        }
        return result;
    }

    public static void Compute(Session s, Func<string, Price> price, Func<string, TaxRate> rate, Func<string, Coupon?> coupon,
        Func<string, ShippingRate> shipping)
    {
        foreach (var line in s.Lines)
            line.AmountSubtotal = price(line.PriceId).UnitAmount * line.Quantity;
        var subtotal = s.Lines.Sum(l => l.AmountSubtotal);
        var discount = SessionDiscount(subtotal, s.CouponId is null ? null : coupon(s.CouponId));
        var shares = Spread(discount, s.Lines.Select(l => l.AmountSubtotal).ToList());
        long exclusiveTotal = 0, inclusiveTotal = 0;
        for (var i = 0; i < s.Lines.Count; i++)
        {
            var line = s.Lines[i];
            line.AmountDiscount = shares[i];
            var amount = line.AmountSubtotal - line.AmountDiscount;
            var rates = line.TaxRateIds.Select(rate).ToList();
            var inclusivePct = rates.Where(r => r.Inclusive).Sum(r => r.Percentage);
            var net = inclusivePct == 0 ? amount : amount / (1 + inclusivePct / 100m);
            var taxes = new List<LineTax>();
            long inclusive = 0, exclusive = 0;
            foreach (var r in rates.Where(r => r.Inclusive))
            {
                var t = RoundHalfAway(net * r.Percentage / 100m);
                inclusive += t;
                taxes.Add(new LineTax(r.Id, t, RoundHalfAway(net)));
            }
            var exclusiveBase = amount - inclusive;
            foreach (var r in rates.Where(r => !r.Inclusive))
            {
                var t = RoundHalfAway(exclusiveBase * r.Percentage / 100m);
                exclusive += t;
                taxes.Add(new LineTax(r.Id, t, exclusiveBase));
            }
            // Keep the caller's rate order in taxes[].
            line.Taxes = line.TaxRateIds.Select(id => taxes.First(t => t.TaxRateId == id)).ToList();
            line.AmountTax = inclusive + exclusive;
            line.AmountTotal = amount + exclusive;
            exclusiveTotal += exclusive;
            inclusiveTotal += inclusive;
        }
        var selected = s.ShippingOptions.FirstOrDefault(o => o.ShippingRateId == s.SelectedShippingRateId) ?? s.ShippingOptions.FirstOrDefault();
        s.SelectedShippingRateId = selected?.ShippingRateId;
        s.AmountShipping = selected is null ? 0 : shipping(selected.ShippingRateId).Amount;
        s.AmountSubtotal = subtotal;
        s.AmountDiscount = discount;
        s.AmountTaxExclusive = exclusiveTotal;
        s.AmountTaxInclusive = inclusiveTotal;
        s.AmountTotal = subtotal - discount + s.AmountShipping + exclusiveTotal;
    }
}
