using System.Net;

namespace Storefront.Tests.Emulator;

public sealed class CatalogTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task Product_CreateRetrieveUpdate()
    {
        var created = await host.Http.Create("v1/products", new Form(("name", "Kettle"), ("description", "Steel")));
        Assert.Matches("^prod_", created.S("id"));
        Assert.Equal("product", created.S("object"));
        Assert.True((bool)created["active"]!);
        Assert.Equal(EmulatorHost.Start.ToUnixTimeSeconds(), created.L("created"));

        var updated = await host.Http.Create($"v1/products/{created.S("id")}", new Form(("active", "false"), ("name", "Kettle 2")));
        Assert.False((bool)updated["active"]!);
        var fetched = await host.Http.Get($"v1/products/{created.S("id")}");
        Assert.Equal("Kettle 2", fetched.Obj.S("name"));
        Assert.False((bool)fetched.Obj["active"]!);
    }

    [Fact]
    public async Task Price_OneTimeAndRecurring_Shapes()
    {
        var product = (await host.Http.Create("v1/products", new Form(("name", "Plan")))).S("id");
        var monthly = await host.Http.Create("v1/prices", new Form(("product", product), ("currency", "EUR"), ("unit_amount", 990), ("recurring[interval]", "month")));
        Assert.Equal("recurring", monthly.S("type"));
        Assert.Equal("eur", monthly.S("currency"));
        Assert.Equal("month", monthly["recurring"].S("interval"));
        Assert.Equal(1, monthly["recurring"].L("interval_count"));
        Assert.Equal("990", monthly.S("unit_amount_decimal"));

        var once = await host.Http.Create("v1/prices", new Form(("product", product), ("currency", "eur"), ("unit_amount", 5000)));
        Assert.Equal("one_time", once.S("type"));
        Assert.Null(once["recurring"]);

        var bad = await host.Http.Post("v1/prices", new Form(("product", "prod_missing"), ("currency", "eur"), ("unit_amount", 1)));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("product", bad.Error.S("param"));
        Assert.Equal("resource_missing", bad.Error.S("code"));
    }

    [Fact]
    public async Task LookupKey_IsUnique_UnlessTransferred_AndFiltersLists()
    {
        var key = "plan_" + Guid.NewGuid().ToString("N");
        var product = (await host.Http.Create("v1/products", new Form(("name", "Plan")))).S("id");
        var first = await host.Http.Create("v1/prices", new Form(("product", product), ("currency", "usd"), ("unit_amount", 100), ("lookup_key", key)));

        var clash = await host.Http.Post("v1/prices", new Form(("product", product), ("currency", "usd"), ("unit_amount", 200), ("lookup_key", key)));
        Assert.Equal(HttpStatusCode.BadRequest, clash.Status);
        Assert.Equal($"A price (`{first.S("id")}`) already uses that lookup key.", clash.Error.S("message"));
        Assert.Equal("lookup_key", clash.Error.S("param"));

        var second = await host.Http.Create("v1/prices", new Form(("product", product), ("currency", "usd"), ("unit_amount", 200),
            ("lookup_key", key), ("transfer_lookup_key", "true")));
        var list = await host.Http.Get("v1/prices", new Form(("lookup_keys[]", key)));
        var data = list.Obj["data"]!.AsArray();
        Assert.Single(data);
        Assert.Equal(second.S("id"), data[0].S("id"));
        var old = await host.Http.Get($"v1/prices/{first.S("id")}");
        Assert.Null(old.Obj["lookup_key"]);
    }

    [Fact]
    public async Task Coupon_TaxRate_ShippingRate_Shapes_AndValidation()
    {
        var amount = await host.Http.Create("v1/coupons", new Form(("amount_off", 500), ("currency", "usd"), ("name", "Five off"), ("duration", "once")));
        Assert.Equal(500, amount.L("amount_off"));
        Assert.Equal("usd", amount.S("currency"));
        Assert.Null(amount["percent_off"]);
        var percent = await host.Http.Create("v1/coupons", new Form(("id", "TENOFF" + Guid.NewGuid().ToString("N")[..6]), ("percent_off", "12.5")));
        Assert.Equal(12.5m, (decimal)percent["percent_off"]!);
        Assert.StartsWith("TENOFF", percent.S("id"));
        var both = await host.Http.Post("v1/coupons", new Form(("amount_off", 5), ("currency", "usd"), ("percent_off", 5)));
        Assert.Equal(HttpStatusCode.BadRequest, both.Status);

        var tax = await host.Http.Create("v1/tax_rates", new Form(("display_name", "Sales tax"), ("percentage", "8.250"), ("inclusive", "false"),
            ("country", "US"), ("state", "CA")));
        Assert.Matches("^txr_", tax.S("id"));
        Assert.Equal(8.25m, (decimal)tax["percentage"]!);
        Assert.Equal("CA", tax.S("state"));
        var inactive = await host.Http.Create($"v1/tax_rates/{tax.S("id")}", new Form(("active", "false")));
        Assert.False((bool)inactive["active"]!);

        var ship = await host.Http.Create("v1/shipping_rates", new Form(("display_name", "Express"), ("type", "fixed_amount"),
            ("fixed_amount[amount]", 1500), ("fixed_amount[currency]", "usd"),
            ("delivery_estimate[minimum][unit]", "business_day"), ("delivery_estimate[minimum][value]", 1),
            ("delivery_estimate[maximum][unit]", "business_day"), ("delivery_estimate[maximum][value]", 2)));
        Assert.Matches("^shr_", ship.S("id"));
        Assert.Equal(1500, ship["fixed_amount"].L("amount"));
        Assert.Equal(2, ship["delivery_estimate"]!["maximum"].L("value"));
        var missing = await host.Http.Post("v1/shipping_rates", new Form(("display_name", "X"), ("fixed_amount[currency]", "usd")));
        Assert.Equal("fixed_amount[amount]", missing.Error.S("param"));
    }

    [Fact]
    public async Task PaymentIntent_Amount_ChangesOnlyBeforePayment()
    {
        var pi = await host.Http.Create("v1/payment_intents", new Form(("amount", 2000), ("currency", "usd")));
        Assert.Equal("requires_payment_method", pi.S("status"));
        var changed = await host.Http.Create($"v1/payment_intents/{pi.S("id")}", new Form(("amount", 2500)));
        Assert.Equal(2500, changed.L("amount"));

        var price = await host.Http.NewPrice(1000);
        var session = await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 2)));
        var done = await host.Http.Create($"v1/test_helpers/checkout/sessions/{session.S("id")}/complete", new Form());
        var paid = await host.Http.Get($"v1/payment_intents/{done.S("payment_intent")}");
        Assert.Equal("succeeded", paid.Obj.S("status"));
        Assert.Equal(2000, paid.Obj.L("amount"));
        var refused = await host.Http.Post($"v1/payment_intents/{done.S("payment_intent")}", new Form(("amount", 1)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("amount", refused.Error.S("param"));
        Assert.Contains("status of succeeded", refused.Error.S("message"));
    }
}

/// <summary>Own fixture so the product list holds only what this test creates.</summary>
public sealed class PaginationTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task Lists_AreNewestFirst_WithLimitCursorsAndHasMore()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await host.Http.Create("v1/products", new Form(("name", $"P{i}")))).S("id"));
        ids.Reverse(); // newest first

        var all = await host.Http.Get("v1/products");
        Assert.Equal("list", all.Obj.S("object"));
        Assert.Equal("/v1/products", all.Obj.S("url"));
        Assert.False((bool)all.Obj["has_more"]!);
        Assert.Equal(ids, all.Obj["data"]!.AsArray().Select(x => x.S("id")));

        var page1 = await host.Http.Get("v1/products", new Form(("limit", 2)));
        Assert.Equal(ids[..2], page1.Obj["data"]!.AsArray().Select(x => x.S("id")));
        Assert.True((bool)page1.Obj["has_more"]!);

        var page2 = await host.Http.Get("v1/products", new Form(("limit", 2), ("starting_after", ids[1])));
        Assert.Equal(ids[2..4], page2.Obj["data"]!.AsArray().Select(x => x.S("id")));
        Assert.True((bool)page2.Obj["has_more"]!);

        var page3 = await host.Http.Get("v1/products", new Form(("limit", 2), ("starting_after", ids[3])));
        Assert.Equal(ids[4..], page3.Obj["data"]!.AsArray().Select(x => x.S("id")));
        Assert.False((bool)page3.Obj["has_more"]!);

        var back = await host.Http.Get("v1/products", new Form(("limit", 2), ("ending_before", ids[4])));
        Assert.Equal(ids[2..4], back.Obj["data"]!.AsArray().Select(x => x.S("id")));
        Assert.True((bool)back.Obj["has_more"]!);

        var tooBig = await host.Http.Get("v1/products", new Form(("limit", 101)));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.Status);
        Assert.Equal("limit", tooBig.Error.S("param"));
    }
}
