using Storefront.Web.Stripe;

namespace Storefront.Tests.Conformance;

/// <summary>
/// Session arithmetic through the client, every expected number worked out by hand from STRIPE.md "Totals":
/// discount spread by largest remainder, exclusive tax on the discounted line amount, inclusive tax contained in it
/// (tax = amount − amount / 1.2), half away from zero.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class TotalsConformanceTests(ConformanceHost host)
{
    private IStripeGateway Stripe => host.Gateway;

    private sealed record Line(long Subtotal, long Discount, long Tax, long Total);

    private async Task AssertTotals(string sessionId, long subtotal, long discount, long tax, long shipping, long total, params Line[] lines)
    {
        var s = await Stripe.Expanded(sessionId);
        Assert.Equal(subtotal, s.AmountSubtotal);
        Assert.Equal(new StripeTotalDetails { AmountDiscount = discount, AmountTax = tax, AmountShipping = shipping }, s.TotalDetails);
        Assert.Equal(total, s.AmountTotal);
        Assert.Equal(lines, s.LineItems!.Data.Select(i => new Line(i.AmountSubtotal!.Value, i.AmountDiscount!.Value, i.AmountTax!.Value, i.AmountTotal!.Value)));
        Assert.Equal(tax, s.LineItems.Data.Sum(i => i.AmountTax!.Value));
        Assert.Equal(discount, s.LineItems.Data.Sum(i => i.AmountDiscount!.Value));
    }

    [Fact]
    public async Task Usd_exclusive_ny_and_inclusive_vat_with_amount_and_percent_discounts()
    {
        var ny = await Stripe.NewTaxRate(8.875m, inclusive: false, "NY sales tax");
        var vat = await Stripe.NewTaxRate(20m, inclusive: true, "VAT");
        var a = await Stripe.NewPrice(1999, "usd", "A");
        var b = await Stripe.NewPrice(1250, "usd", "B");
        var s = await Stripe.CreateCheckoutSessionAsync(new CheckoutSessionCreateRequest
        {
            Mode = "payment",
            ReturnUrl = Support.ReturnUrl,
            LineItems = [SessionLineItemParams.AddPrice(a, 2, [ny]), SessionLineItemParams.AddPrice(b, 1, [vat])],
            ShippingOptions =
            [
                new SessionShippingOptionParams
                {
                    ShippingRateData = new ShippingRateDataParams { DisplayName = "Ground", FixedAmount = new FixedAmountParams { Amount = 795, Currency = "usd" } },
                },
            ],
        });

        // Subtotal 3998 + 1250 = 5248. A: 3998 × 8.875 % = 354.8225 → 355 (added).
        // B: 1250 − 1250 / 1.2 = 208.33 → 208 (contained). Total 5248 + 355 + 795 = 6398.
        await AssertTotals(s.Id, 5248, 0, 563, 795, 6398, new Line(3998, 0, 355, 4353), new Line(1250, 0, 208, 1250));

        // taxes[] per line: the exclusive rate is taxed on the whole 3998; the inclusive one on the net 1041.67 → 1042.
        var items = (await Stripe.Expanded(s.Id)).LineItems!.Data;
        var taxA = Assert.Single(items[0].Taxes!);
        Assert.Equal((355L, 3998L, ny, 8.875m, false), (taxA.Amount!.Value, taxA.TaxableAmount!.Value, taxA.Rate!.Id, taxA.Rate.Percentage!.Value, taxA.Rate.Inclusive));
        var taxB = Assert.Single(items[1].Taxes!);
        Assert.Equal((208L, 1042L, vat, 20m, true), (taxB.Amount!.Value, taxB.TaxableAmount!.Value, taxB.Rate!.Id, taxB.Rate.Percentage!.Value, taxB.Rate.Inclusive));

        // 1000 off: shares 1000 × 3998 / 5248 = 761.8 and 238.2 → floors 761 + 238, the remaining unit to A (larger remainder).
        // A 3236 × 8.875 % = 287.195 → 287. B 1012 − 1012 / 1.2 = 168.67 → 169. Total 5248 − 1000 + 287 + 795 = 5330.
        await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest { Discounts = [SessionDiscountParams.AmountOff("1000 off", 1000, "usd")] });
        await AssertTotals(s.Id, 5248, 1000, 456, 795, 5330, new Line(3998, 762, 287, 3523), new Line(1250, 238, 169, 1012));

        // 15 %: round(787.2) = 787; shares 599.55 / 187.45 → 599 + 187 + 1 to A. A 3398 → 301.5725 → 302.
        // B 1063 − 1063 / 1.2 = 177.17 → 177. Total 5248 − 787 + 302 + 795 = 5558.
        await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest { Discounts = [SessionDiscountParams.PercentOff("15 %", 15m)] });
        await AssertTotals(s.Id, 5248, 787, 479, 795, 5558, new Line(3998, 600, 302, 3700), new Line(1250, 187, 177, 1063));

        // An empty list clears the discount.
        var cleared = await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest { Discounts = CheckoutSessionUpdateRequest.Clear<SessionDiscountParams>() });
        Assert.Empty(cleared.Discounts ?? []);
        await AssertTotals(s.Id, 5248, 0, 563, 795, 6398, new Line(3998, 0, 355, 4353), new Line(1250, 0, 208, 1250));
    }

    [Fact]
    public async Task Jpy_inclusive_vat_and_exclusive_ny_with_amount_and_percent_discounts()
    {
        var ny = await Stripe.NewTaxRate(8.875m, inclusive: false, "NY sales tax");
        var vat = await Stripe.NewTaxRate(20m, inclusive: true, "VAT");
        var x = await Stripe.NewPrice(1980, "jpy", "X");
        var y = await Stripe.NewPrice(500, "jpy", "Y");
        var s = await Stripe.NewSession(SessionLineItemParams.AddPrice(x, 3, [vat]), SessionLineItemParams.AddPrice(y, 1, [ny]));
        Assert.Equal("jpy", s.Currency);

        // Subtotal 5940 + 500 = 6440 yen (zero-decimal: no scaling). X: 5940 − 4950 = 990 contained.
        // Y: 500 × 8.875 % = 44.375 → 44 added. Total 6484.
        await AssertTotals(s.Id, 6440, 0, 1034, 0, 6484, new Line(5940, 0, 990, 5940), new Line(500, 0, 44, 544));

        // ¥700 off: 645.65 / 54.35 → 645 + 54 + 1 to X. X 5294 − 5294 / 1.2 = 882.33 → 882. Y 446 × 8.875 % = 39.58 → 40.
        await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest { Discounts = [SessionDiscountParams.AmountOff("700 yen", 700, "jpy")] });
        await AssertTotals(s.Id, 6440, 700, 922, 0, 5780, new Line(5940, 646, 882, 5294), new Line(500, 54, 40, 486));

        // 10 %: 644, exactly 594 + 50. X 5346 − 4455 = 891. Y 450 × 8.875 % = 39.9375 → 40. Total 6440 − 644 + 40 = 5836.
        await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest { Discounts = [SessionDiscountParams.PercentOff("10 %", 10m)] });
        await AssertTotals(s.Id, 6440, 644, 931, 0, 5836, new Line(5940, 594, 891, 5346), new Line(500, 50, 40, 490));

        await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest { Discounts = [] });
        await AssertTotals(s.Id, 6440, 0, 1034, 0, 6484, new Line(5940, 0, 990, 5940), new Line(500, 0, 44, 544));
    }

    [Fact]
    public async Task Replacing_line_items_and_discount_in_one_update_recomputes_everything()
    {
        var a = await Stripe.NewPrice(1000, name: "A");
        var b = await Stripe.NewPrice(333, name: "B");
        var s = await Stripe.NewSession(SessionLineItemParams.AddPrice(a, 1));
        var li = (await Stripe.Expanded(s.Id)).LineItems!.Data[0].Id;

        // 1000 × 2 + 333 × 3 = 2999; 10 % → round(299.9) = 300 spread 2000 : 999 → 200.07 / 99.9 → 200 + 99 + 1 to B.
        var updated = await Stripe.UpdateCheckoutSessionAsync(s.Id, new CheckoutSessionUpdateRequest
        {
            LineItems = [SessionLineItemParams.Change(li, 2), SessionLineItemParams.AddPrice(b, 3)],
            Discounts = [SessionDiscountParams.PercentOff("10", 10m)],
        });
        Assert.Equal(2999, updated.AmountSubtotal);
        Assert.Equal(2699, updated.AmountTotal);
        await AssertTotals(s.Id, 2999, 300, 0, 0, 2699, new Line(2000, 200, 0, 1800), new Line(999, 100, 0, 899));
    }
}
