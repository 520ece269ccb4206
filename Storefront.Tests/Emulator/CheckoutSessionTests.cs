using System.Net;
using System.Text.Json.Nodes;
using Storefront.StripeEmulator;

namespace Storefront.Tests.Emulator;

public sealed class CheckoutSessionTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    private HttpClient Http => host.Http;

    private async Task<JsonObject> Expanded(string sessionId) =>
        (await Http.Get($"v1/checkout/sessions/{sessionId}", new Form(("expand[]", "line_items")))).Obj;

    private static List<JsonNode> Lines(JsonObject session) => session["line_items"]!["data"]!.AsArray().Select(x => x!).ToList();

    [Fact]
    public async Task Create_CustomMode_HasStripeShape()
    {
        var price = await Http.NewPrice(1500, name: "Mug");
        var form = Api.SessionForm((price, 2))
            .Add("customer_email", "a@b.test").Add("client_reference_id", "cart-42").Add("metadata[cart]", "42")
            .Add("permissions[update_line_items]", "server_only").Add("permissions[update_discounts]", "server_only")
            .Add("permissions[update_shipping_details]", "server_only");
        var s = await Http.Create("v1/checkout/sessions", form);
        Assert.Matches("^cs_test_[A-Za-z0-9]+$", s.S("id"));
        Assert.Equal("checkout.session", s.S("object"));
        Assert.StartsWith(s.S("id") + "_secret_", s.S("client_secret"));
        Assert.Equal("open", s.S("status"));
        Assert.Equal("unpaid", s.S("payment_status"));
        Assert.Equal("custom", s.S("ui_mode"));
        Assert.Equal("usd", s.S("currency"));
        Assert.Equal(3000, s.L("amount_subtotal"));
        Assert.Equal(3000, s.L("amount_total"));
        Assert.Equal(0, s["total_details"].L("amount_tax"));
        Assert.Equal(EmulatorHost.Start.ToUnixTimeSeconds() + 24 * 3600, s.L("expires_at"));
        Assert.Equal("server_only", s["permissions"].S("update_line_items"));
        Assert.Equal("cart-42", s.S("client_reference_id"));
        Assert.Equal("42", s["metadata"].S("cart"));
        Assert.Null(s["url"]);
        Assert.False((bool)s["livemode"]!);
        Assert.Null(s["line_items"]);
        Assert.Null(s["shipping_cost"]);
        Assert.Empty(s["discounts"]!.AsArray());
    }

    [Fact]
    public async Task Create_RecurringPriceInPaymentMode_Is400()
    {
        var monthly = await Http.NewPrice(900, interval: "month");
        var r = await Http.Post("v1/checkout/sessions", Api.SessionForm((monthly, 1)));
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal(EmulatorMessages.RecurringInPaymentMode, r.Error.S("message"));
        Assert.StartsWith("You specified `payment` mode but passed a recurring price.", r.Error.S("message"));
    }

    [Fact]
    public async Task Create_CustomModeWithoutReturnUrl_Is400_AndSuccessUrlIsRefused()
    {
        var price = await Http.NewPrice(100);
        var noReturn = new Form(("ui_mode", "custom"), ("mode", "payment"), ("line_items[0][price]", price), ("line_items[0][quantity]", 1));
        var r = await Http.Post("v1/checkout/sessions", noReturn);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("return_url", r.Error.S("param"));

        var withSuccess = Api.SessionForm((price, 1)).Add("success_url", "https://shop.test/ok");
        var r2 = await Http.Post("v1/checkout/sessions", withSuccess);
        Assert.Equal(HttpStatusCode.BadRequest, r2.Status);
        Assert.Equal("success_url", r2.Error.S("param"));
    }

    [Fact]
    public async Task Create_MixedCurrencies_SubscriptionWithoutRecurring_TwoDiscounts_BadExpiry_Are400()
    {
        var usd = await Http.NewPrice(100, "usd");
        var eur = await Http.NewPrice(100, "eur");
        var mixed = await Http.Post("v1/checkout/sessions", Api.SessionForm((usd, 1), (eur, 1)));
        Assert.Equal(HttpStatusCode.BadRequest, mixed.Status);
        Assert.Equal(EmulatorMessages.MixedCurrencies, mixed.Error.S("message"));

        var sub = Api.SessionForm((usd, 1));
        sub[1] = new("mode", "subscription");
        var noRecurring = await Http.Post("v1/checkout/sessions", sub);
        Assert.Equal(EmulatorMessages.SubscriptionNeedsRecurring, noRecurring.Error.S("message"));

        var twoDiscounts = Api.SessionForm((usd, 1)).Add("discounts[0][coupon_data][percent_off]", 5).Add("discounts[1][coupon_data][percent_off]", 5);
        Assert.Equal(EmulatorMessages.OneDiscountOnly, (await Http.Post("v1/checkout/sessions", twoDiscounts)).Error.S("message"));

        var tooSoon = Api.SessionForm((usd, 1)).Add("expires_at", EmulatorHost.Start.ToUnixTimeSeconds() + 29 * 60);
        var soon = await Http.Post("v1/checkout/sessions", tooSoon);
        Assert.Equal("expires_at", soon.Error.S("param"));

        var missingPrice = await Http.Post("v1/checkout/sessions", Api.SessionForm(("price_missing", 1)));
        Assert.Equal("line_items[0][price]", missingPrice.Error.S("param"));
        Assert.Equal("No such price: 'price_missing'", missingPrice.Error.S("message"));
    }

    [Fact]
    public async Task Create_SubscriptionMode_WithPriceData_AndLimits()
    {
        var f = new Form(("ui_mode", "custom"), ("mode", "subscription"), ("return_url", "https://shop.test/r"),
            ("line_items[0][price_data][currency]", "usd"), ("line_items[0][price_data][unit_amount]", 1200),
            ("line_items[0][price_data][product_data][name]", "Monthly box"), ("line_items[0][price_data][recurring][interval]", "month"),
            ("line_items[0][quantity]", 1));
        var s = await Expanded((await Http.Create("v1/checkout/sessions", f)).S("id"));
        var line = Lines(s)[0];
        Assert.Equal("Monthly box", line.S("description"));
        Assert.Equal("recurring", line["price"].S("type"));
        Assert.Equal(1200, s.L("amount_total"));

        var price = await Http.NewPrice(10);
        var many = Api.SessionForm(Enumerable.Range(0, 101).Select(_ => (price, 1)).ToArray());
        Assert.Equal(EmulatorMessages.TooManyPaymentItems, (await Http.Post("v1/checkout/sessions", many)).Error.S("message"));
    }

    [Fact]
    public async Task Create_SubscriptionMode_CountsRecurringAndOneTimeSeparately()
    {
        var monthly = await Http.NewPrice(100, interval: "month");
        var once = await Http.NewPrice(100);
        Form Sub(int recurring, int oneTime)
        {
            var lines = Enumerable.Repeat((monthly, 1), recurring).Concat(Enumerable.Repeat((once, 1), oneTime)).ToArray();
            var f = Api.SessionForm(lines);
            f[1] = new("mode", "subscription");
            return f;
        }
        Assert.Equal(HttpStatusCode.OK, (await Http.Post("v1/checkout/sessions", Sub(20, 20))).Status);
        Assert.Equal(EmulatorMessages.TooManyRecurringItems, (await Http.Post("v1/checkout/sessions", Sub(21, 0))).Error.S("message"));
        Assert.Equal(EmulatorMessages.TooManyOneTimeItems, (await Http.Post("v1/checkout/sessions", Sub(1, 21))).Error.S("message"));
    }

    [Fact]
    public async Task Expand_PaymentIntent_AndUnknownExpansion()
    {
        var price = await Http.NewPrice(700);
        var id = (await Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
        var bad = await Http.Get($"v1/checkout/sessions/{id}", new Form(("expand[]", "line_items"), ("expand[]", "customer")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("expand[1]", bad.Error.S("param"));

        host.State.CompleteCheckoutSession(id);
        var s = await Http.Get($"v1/checkout/sessions/{id}", new Form(("expand[]", "payment_intent")));
        Assert.Equal("payment_intent", s.Obj["payment_intent"].S("object"));
        Assert.Equal(700, s.Obj["payment_intent"].L("amount_received"));
    }

    [Fact]
    public async Task ShippingRateData_CreatesRealShippingRates_AndOptionsCanBeReplacedOrCleared()
    {
        var price = await Http.NewPrice(1000);
        var f = Api.SessionForm((price, 1))
            .Add("shipping_options[0][shipping_rate_data][display_name]", "Pickup")
            .Add("shipping_options[0][shipping_rate_data][fixed_amount][amount]", 0)
            .Add("shipping_options[0][shipping_rate_data][fixed_amount][currency]", "usd");
        var s = await Http.Create("v1/checkout/sessions", f);
        var rate = await Http.Get($"v1/shipping_rates/{s["shipping_options"]![0].S("shipping_rate")}");
        Assert.Equal("Pickup", rate.Obj.S("display_name"));

        var courier = await Http.Create("v1/shipping_rates", new Form(("display_name", "Courier"), ("fixed_amount[amount]", 900), ("fixed_amount[currency]", "usd")));
        var replaced = await Http.Create($"v1/checkout/sessions/{s.S("id")}", new Form(("shipping_options[0][shipping_rate]", courier.S("id"))));
        Assert.Equal(courier.S("id"), replaced["shipping_cost"].S("shipping_rate"));
        Assert.Equal(1900, replaced.L("amount_total"));

        var cleared = await Http.Create($"v1/checkout/sessions/{s.S("id")}", new Form(("shipping_options", "")));
        Assert.Empty(cleared["shipping_options"]!.AsArray());
        Assert.Null(cleared["shipping_cost"]);
        Assert.Equal(1000, cleared.L("amount_total"));

        var six = Api.SessionForm((price, 1));
        for (var i = 0; i < 6; i++) six.Add($"shipping_options[{i}][shipping_rate]", courier.S("id"));
        Assert.Equal(EmulatorMessages.TooManyShippingOptions, (await Http.Post("v1/checkout/sessions", six)).Error.S("message"));
    }

    [Fact]
    public async Task TaxRatesOnExistingLines_CanBeReplacedOrCleared_AndInactivePricesAreRefused()
    {
        var price = await Http.NewPrice(1000);
        var tax = await Http.NewTaxRate("10", inclusive: false);
        var s = await Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("line_items[0][tax_rates][0]", tax).Add("expand[]", "line_items"));
        Assert.Equal(1100, s.L("amount_total"));
        var lineId = Lines(s)[0].S("id");
        var cleared = await Http.Create($"v1/checkout/sessions/{s.S("id")}", new Form(("line_items[0][id]", lineId), ("line_items[0][tax_rates]", ""), ("expand[]", "line_items")));
        Assert.Equal(1000, cleared.L("amount_total"));
        Assert.Empty(Lines(cleared)[0]["taxes"]!.AsArray());

        await Http.Create($"v1/prices/{price}", new Form(("active", "false")));
        var refused = await Http.Post("v1/checkout/sessions", Api.SessionForm((price, 1)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("line_items[0][price]", refused.Error.S("param"));
    }

    [Fact]
    public async Task ListSessions_FiltersByStatus()
    {
        var price = await Http.NewPrice(100);
        var open = (await Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
        var done = (await Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
        host.State.CompleteCheckoutSession(done);
        var complete = await Http.Get("v1/checkout/sessions", new Form(("status", "complete"), ("limit", 100)));
        var ids = complete.Obj["data"]!.AsArray().Select(x => x.S("id")).ToList();
        Assert.Contains(done, ids);
        Assert.DoesNotContain(open, ids);
        Assert.All(complete.Obj["data"]!.AsArray(), x => Assert.Equal("complete", x.S("status")));
    }

    [Fact]
    public async Task ClientQuantityChange_HonoursServerOnlyPermission()
    {
        var price = await Http.NewPrice(300);
        var open = await Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("expand[]", "line_items"));
        var changed = JsonNode.Parse(host.State.UpdateLineItemQuantityAsClient(open.S("id"), Lines(open)[0].S("id"), 3))!;
        Assert.Equal(900, changed.L("amount_total"));

        var locked = await Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("permissions[update_line_items]", "server_only").Add("expand[]", "line_items"));
        Assert.Equal("server_only", host.State.GetPermission(locked.S("id"), "update_line_items"));
        var ex = Assert.Throws<StripeEmulatorException>(() => host.State.UpdateLineItemQuantityAsClient(locked.S("id"), Lines(locked)[0].S("id"), 3));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(300, (await Http.Get($"v1/checkout/sessions/{locked.S("id")}")).Obj.L("amount_total"));
    }

    [Fact]
    public async Task BasicAuth_WithTheKeyAsUser_IsAccepted()
    {
        using var basic = host.NewClient(null);
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(EmulatorHost.SecretKey + ":")));
        Assert.Equal(HttpStatusCode.OK, (await basic.Get("v1/coupons")).Status);
    }

    [Fact]
    public async Task UpdateLineItems_KeepChangeAddRemoveReorder()
    {
        var a = await Http.NewPrice(100, name: "A");
        var b = await Http.NewPrice(200, name: "B");
        var c = await Http.NewPrice(300, name: "C");
        var d = await Http.NewPrice(400, name: "D");
        var s = await Expanded((await Http.Create("v1/checkout/sessions", Api.SessionForm((a, 1), (b, 2), (c, 1)))).S("id"));
        var ids = Lines(s).Select(l => l.S("id")).ToList();
        Assert.All(ids, id => Assert.Matches("^li_", id));
        Assert.Equal(800, s.L("amount_subtotal"));

        // C kept and moved first, A changed to 5, D added, B omitted (removed).
        var update = new Form(("line_items[0][id]", ids[2]), ("line_items[1][id]", ids[0]), ("line_items[1][quantity]", 5),
            ("line_items[2][price]", d), ("line_items[2][quantity]", 1), ("expand[]", "line_items"));
        var u = await Http.Create($"v1/checkout/sessions/{s.S("id")}", update);
        var lines = Lines(u);
        Assert.Equal(3, lines.Count);
        Assert.Equal(ids[2], lines[0].S("id"));
        Assert.Equal(1, lines[0].L("quantity"));
        Assert.Equal(ids[0], lines[1].S("id"));
        Assert.Equal(5, lines[1].L("quantity"));
        Assert.Matches("^li_", lines[2].S("id"));
        Assert.DoesNotContain(lines[2].S("id"), ids);
        Assert.Equal(d, lines[2]["price"].S("id"));
        Assert.Equal(300 + 500 + 400, u.L("amount_subtotal"));

        var unknown = await Http.Post($"v1/checkout/sessions/{s.S("id")}", new Form(("line_items[0][id]", ids[2]), ("line_items[1][id]", "li_nope")));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("line_items[1][id]", unknown.Error.S("param"));
        // A failed update changes nothing.
        Assert.Equal(3, Lines(await Expanded(s.S("id"))).Count);

        // The line_items endpoint pages in position order.
        var page = await Http.Get($"v1/checkout/sessions/{s.S("id")}/line_items", new Form(("limit", 2)));
        Assert.Equal(new[] { ids[2], ids[0] }, page.Obj["data"]!.AsArray().Select(x => x.S("id")));
        Assert.True((bool)page.Obj["has_more"]!);
        var next = await Http.Get($"v1/checkout/sessions/{s.S("id")}/line_items", new Form(("limit", 2), ("starting_after", ids[0])));
        Assert.Equal(new[] { lines[2].S("id") }, next.Obj["data"]!.AsArray().Select(x => x.S("id")));
        Assert.False((bool)next.Obj["has_more"]!);
    }

    [Fact]
    public async Task Discounts_CouponDataAmountAndPercent_ThenClear_AndMetadataMerge()
    {
        var price = await Http.NewPrice(2500);
        var s = await Http.Create("v1/checkout/sessions", Api.SessionForm((price, 2)).Add("metadata[a]", "1"));
        var id = s.S("id");

        var amount = await Http.Create($"v1/checkout/sessions/{id}", new Form(("discounts[0][coupon_data][name]", "Gold member"),
            ("discounts[0][coupon_data][amount_off]", 700), ("discounts[0][coupon_data][currency]", "usd"), ("metadata[b]", "2")));
        Assert.Equal(700, amount["total_details"].L("amount_discount"));
        Assert.Equal(4300, amount.L("amount_total"));
        var coupon = await Http.Get($"v1/coupons/{amount["discounts"]![0].S("coupon")}");
        Assert.Equal("Gold member", coupon.Obj.S("name"));
        Assert.Equal("1", amount["metadata"].S("a"));
        Assert.Equal("2", amount["metadata"].S("b"));

        var percent = await Http.Create($"v1/checkout/sessions/{id}", new Form(("discounts[0][coupon_data][percent_off]", 15)));
        Assert.Equal(750, percent["total_details"].L("amount_discount"));
        Assert.Equal(4250, percent.L("amount_total"));
        Assert.Single(percent["discounts"]!.AsArray());

        var capped = await Http.Create($"v1/checkout/sessions/{id}", new Form(("discounts[0][coupon_data][amount_off]", 99999), ("discounts[0][coupon_data][currency]", "usd")));
        Assert.Equal(5000, capped["total_details"].L("amount_discount"));
        Assert.Equal(0, capped.L("amount_total"));

        var cleared = await Http.Create($"v1/checkout/sessions/{id}", new Form(("discounts", ""), ("metadata", "")));
        Assert.Empty(cleared["discounts"]!.AsArray());
        Assert.Equal(0, cleared["total_details"].L("amount_discount"));
        Assert.Equal(5000, cleared.L("amount_total"));
        Assert.Empty(cleared["metadata"]!.AsObject());
    }

    [Fact]
    public async Task Totals_Usd_AmountOffSpreadByLargestRemainder_ExclusiveTax_Shipping()
    {
        var a = await Http.NewPrice(1999, name: "A");
        var b = await Http.NewPrice(500, name: "B");
        var tax = await Http.NewTaxRate("8.25", inclusive: false);
        var coupon = (await Http.Create("v1/coupons", new Form(("amount_off", 1000), ("currency", "usd")))).S("id");
        var f = Api.SessionForm((a, 2), (b, 3)).Add("line_items[0][tax_rates][0]", tax).Add("line_items[1][tax_rates][0]", tax)
            .Add("discounts[0][coupon]", coupon)
            .Add("shipping_options[0][shipping_rate_data][display_name]", "Standard")
            .Add("shipping_options[0][shipping_rate_data][type]", "fixed_amount")
            .Add("shipping_options[0][shipping_rate_data][fixed_amount][amount]", 500)
            .Add("shipping_options[0][shipping_rate_data][fixed_amount][currency]", "usd")
            .Add("shipping_options[1][shipping_rate_data][display_name]", "Express")
            .Add("shipping_options[1][shipping_rate_data][fixed_amount][amount]", 1500)
            .Add("shipping_options[1][shipping_rate_data][fixed_amount][currency]", "usd")
            .Add("expand[0]", "line_items");
        var s = await Http.Create("v1/checkout/sessions", f);

        // subtotal 3998 + 1500 = 5498; 1000 off split 727.17/272.83 -> floor 727/272, the spare cent to B (larger remainder).
        // tax 8.25 % of (3998-727)=3271 -> 269.8575 -> 270; of (1500-273)=1227 -> 101.2275 -> 101.
        Assert.Equal(5498, s.L("amount_subtotal"));
        Assert.Equal(1000, s["total_details"].L("amount_discount"));
        Assert.Equal(500, s["total_details"].L("amount_shipping"));
        Assert.Equal(371, s["total_details"].L("amount_tax"));
        Assert.Equal(5498 - 1000 + 500 + 371, s.L("amount_total"));
        var lines = Lines(s);
        Assert.Equal((3998, 727, 270, 3541), (lines[0].L("amount_subtotal"), lines[0].L("amount_discount"), lines[0].L("amount_tax"), lines[0].L("amount_total")));
        Assert.Equal((1500, 273, 101, 1328), (lines[1].L("amount_subtotal"), lines[1].L("amount_discount"), lines[1].L("amount_tax"), lines[1].L("amount_total")));
        Assert.Equal(270, lines[0]["taxes"]![0].L("amount"));
        Assert.Equal(3271, lines[0]["taxes"]![0].L("taxable_amount"));
        Assert.Equal(tax, lines[0]["taxes"]![0]!["rate"].S("id"));
        Assert.Equal(2, s["shipping_options"]!.AsArray().Count);
        var firstRate = s["shipping_options"]![0].S("shipping_rate");
        Assert.Matches("^shr_", firstRate);
        Assert.Equal(firstRate, s["shipping_cost"].S("shipping_rate"));
        Assert.Equal(500, s["shipping_cost"].L("amount_total"));

        // The customer picks Express (the Stripe.js stand-in's internal API).
        var express = s["shipping_options"]![1].S("shipping_rate");
        var picked = JsonNode.Parse(host.State.SelectShippingOption(s.S("id"), express))!;
        Assert.Equal(1500, picked["shipping_cost"].L("amount_total"));
        Assert.Equal(5498 - 1000 + 1500 + 371, picked.L("amount_total"));
    }

    [Fact]
    public async Task Totals_Usd_PercentOff_InclusiveTax_IsContainedNotAdded()
    {
        var price = await Http.NewPrice(1250);
        var vat = await Http.NewTaxRate("20", inclusive: true, name: "VAT");
        var f = Api.SessionForm((price, 4)).Add("line_items[0][tax_rates][0]", vat).Add("discounts[0][coupon_data][percent_off]", 15).Add("expand[]", "line_items");
        var s = await Http.Create("v1/checkout/sessions", f);
        // 5000 - 15 % = 4250; VAT inside: 4250 - 4250/1.2 = 708.33 -> 708.
        Assert.Equal(5000, s.L("amount_subtotal"));
        Assert.Equal(750, s["total_details"].L("amount_discount"));
        Assert.Equal(708, s["total_details"].L("amount_tax"));
        Assert.Equal(4250, s.L("amount_total"));
        var line = Lines(s)[0];
        Assert.Equal(4250, line.L("amount_total"));
        Assert.Equal(708, line.L("amount_tax"));
        Assert.Equal(3542, line["taxes"]![0].L("taxable_amount"));
    }

    [Fact]
    public async Task Totals_Jpy_ZeroDecimal_HalfAwayFromZero()
    {
        var x = await Http.NewPrice(1980, "jpy", "Tea set");
        var y = await Http.NewPrice(1005, "jpy", "Cup");
        var ct = await Http.NewTaxRate("10", inclusive: false, name: "JCT");
        var f = Api.SessionForm((x, 3), (y, 1)).Add("line_items[0][tax_rates][0]", ct).Add("line_items[1][tax_rates][0]", ct)
            .Add("discounts[0][coupon_data][percent_off]", 10)
            .Add("shipping_options[0][shipping_rate_data][display_name]", "Yamato")
            .Add("shipping_options[0][shipping_rate_data][fixed_amount][amount]", 500)
            .Add("shipping_options[0][shipping_rate_data][fixed_amount][currency]", "jpy")
            .Add("expand[]", "line_items");
        var s = await Http.Create("v1/checkout/sessions", f);
        // 5940 + 1005 = 6945; 10 % = 694.5 -> 695 (half away from zero); split 594.43/100.57 -> 594/100, spare yen to the Cup.
        // tax 10 % of 5346 = 534.6 -> 535; of 904 = 90.4 -> 90.
        Assert.Equal("jpy", s.S("currency"));
        Assert.Equal(6945, s.L("amount_subtotal"));
        Assert.Equal(695, s["total_details"].L("amount_discount"));
        Assert.Equal(625, s["total_details"].L("amount_tax"));
        Assert.Equal(6945 - 695 + 500 + 625, s.L("amount_total"));
        var lines = Lines(s);
        Assert.Equal((594, 535, 5881), (lines[0].L("amount_discount"), lines[0].L("amount_tax"), lines[0].L("amount_total")));
        Assert.Equal((101, 90, 994), (lines[1].L("amount_discount"), lines[1].L("amount_tax"), lines[1].L("amount_total")));

        var inclusive = await Http.NewTaxRate("10", inclusive: true, name: "JCT incl");
        var s2 = await Http.Create("v1/checkout/sessions", Api.SessionForm((await Http.NewPrice(1100, "jpy"), 2)).Add("line_items[0][tax_rates][0]", inclusive));
        Assert.Equal(2200, s2.L("amount_total"));
        Assert.Equal(200, s2["total_details"].L("amount_tax"));

        var usdCoupon = await Http.Post($"v1/checkout/sessions/{s.S("id")}", new Form(("discounts[0][coupon_data][amount_off]", 100), ("discounts[0][coupon_data][currency]", "usd")));
        Assert.Equal(HttpStatusCode.BadRequest, usdCoupon.Status);
    }

    [Fact]
    public void LargestRemainder_AlwaysSumsExactly()
    {
        Assert.Equal([727, 273], StripeEmulator.Internal.Totals.Spread(1000, [3998, 1500]));
        Assert.Equal([34, 33, 33], StripeEmulator.Internal.Totals.Spread(100, [1, 1, 1]));
        Assert.Equal([0, 0], StripeEmulator.Internal.Totals.Spread(0, [5, 5]));
        var r = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var weights = Enumerable.Range(0, r.Next(1, 8)).Select(_ => (long)r.Next(1, 100_000)).ToList();
            var total = r.Next(0, (int)Math.Min(int.MaxValue, weights.Sum()));
            Assert.Equal(total, StripeEmulator.Internal.Totals.Spread(total, weights).Sum());
        }
    }

    [Fact]
    public async Task StatusGuards_UpdateAndExpireAfterExpire_Are400()
    {
        var price = await Http.NewPrice(100);
        var id = (await Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
        var expired = await Http.Create($"v1/checkout/sessions/{id}/expire", new Form());
        Assert.Equal("expired", expired.S("status"));

        var update = await Http.Post($"v1/checkout/sessions/{id}", new Form(("metadata[x]", "1")));
        Assert.Equal(HttpStatusCode.BadRequest, update.Status);
        Assert.Equal("invalid_request_error", update.Error.S("type"));
        Assert.Equal(EmulatorMessages.SessionNotOpen, update.Error.S("message"));

        var again = await Http.Post($"v1/checkout/sessions/{id}/expire");
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of `expired`.", again.Error.S("message"));

        var complete = await Http.Post($"v1/test_helpers/checkout/sessions/{id}/complete");
        Assert.Equal(HttpStatusCode.BadRequest, complete.Status);
    }

    [Fact]
    public async Task Complete_PaymentMode_CreatesSucceededPaymentIntent_Subscription_CreatesSub_Decline_KeepsOpen()
    {
        var price = await Http.NewPrice(1234);
        var id = (await Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
        var declined = await Http.Post($"v1/test_helpers/checkout/sessions/{id}/complete", new Form(("payment_outcome", "failed"), ("decline_code", "insufficient_funds")));
        Assert.Equal((HttpStatusCode)402, declined.Status);
        Assert.Equal("card_error", declined.Error.S("type"));
        Assert.Equal("insufficient_funds", declined.Error.S("decline_code"));
        Assert.Equal("open", (await Http.Get($"v1/checkout/sessions/{id}")).Obj.S("status"));

        var done = await Http.Create($"v1/test_helpers/checkout/sessions/{id}/complete", new Form(("email", "buyer@shop.test")));
        Assert.Equal("complete", done.S("status"));
        Assert.Equal("paid", done.S("payment_status"));
        Assert.Matches("^pi_", done.S("payment_intent"));
        Assert.Equal("buyer@shop.test", done["customer_details"].S("email"));
        var pi = await Http.Get($"v1/payment_intents/{done.S("payment_intent")}");
        Assert.Equal(1234, pi.Obj.L("amount"));
        Assert.Equal("succeeded", pi.Obj.S("status"));

        var monthly = await Http.NewPrice(500, interval: "month");
        var sf = Api.SessionForm((monthly, 1));
        sf[1] = new("mode", "subscription");
        var subId = (await Http.Create("v1/checkout/sessions", sf)).S("id");
        var result = host.State.CompleteCheckoutSession(subId);
        Assert.True(result.Succeeded);
        var sub = JsonNode.Parse(result.SessionJson)!;
        Assert.Matches("^sub_", sub.S("subscription"));
        Assert.Null(sub["payment_intent"]);
    }
}

/// <summary>Own fixture: moves the fake clock.</summary>
public sealed class ExpiryTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task SessionsPastExpiresAt_BecomeExpired_LazilyAndBySweep_WithEvents()
    {
        var price = await host.Http.NewPrice(100);
        var expiresAt = host.Clock.GetUtcNow().ToUnixTimeSeconds() + 3600;
        var lazy = (await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("expires_at", expiresAt))).S("id");
        var swept = (await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("expires_at", expiresAt))).S("id");
        var later = (await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
        Assert.Equal(expiresAt, (await host.Http.Get($"v1/checkout/sessions/{lazy}")).Obj.L("expires_at"));

        host.Clock.Advance(TimeSpan.FromSeconds(3599));
        Assert.Equal("open", (await host.Http.Get($"v1/checkout/sessions/{lazy}")).Obj.S("status"));

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("expired", (await host.Http.Get($"v1/checkout/sessions/{lazy}")).Obj.S("status"));
        var update = await host.Http.Post($"v1/checkout/sessions/{lazy}", new Form(("metadata[x]", "1")));
        Assert.Equal(EmulatorMessages.SessionNotOpen, update.Error.S("message"));

        // The background sweep expires the other one without anyone asking for it.
        await Api.Eventually(() => host.State.EventList.Any(e => e.Type == "checkout.session.expired" &&
            host.State.GetEventJson(e.Id)!.Contains(swept, StringComparison.Ordinal)), "sweep of " + swept);
        Assert.Equal("open", (await host.Http.Get($"v1/checkout/sessions/{later}")).Obj.S("status"));

        var events = await host.Http.Get("v1/events", new Form(("type", "checkout.session.expired")));
        var expiredIds = events.Obj["data"]!.AsArray().Select(e => e!["data"]!["object"].S("id")).ToList();
        Assert.Contains(lazy, expiredIds);
        Assert.Contains(swept, expiredIds);
        Assert.Equal(2, expiredIds.Count);
    }
}
