using System.Net;

namespace Storefront.Tests.Emulator;

/// <summary>Own fixture: moves the fake clock.</summary>
public sealed class IdempotencyExpiryTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task Keys_AreRememberedFor24Hours_ThenForgotten()
    {
        var key = Guid.NewGuid().ToString();
        var first = await host.Http.Post("v1/products", new Form(("name", "Day one")), key);

        host.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var stillRemembered = await host.Http.Post("v1/products", new Form(("name", "Day two")), key);
        Assert.Equal("idempotency_error", stillRemembered.Error.S("type"));

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await host.Http.Post("v1/products", new Form(("name", "Day two")), key);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.NotEqual(first.Obj.S("id"), fresh.Obj.S("id"));
        Assert.Equal("", fresh.Header("Idempotent-Replayed"));
    }
}

public sealed class ConcurrencyTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task ParallelUpdatesOfOneSession_AreSerialised_AndTotalsStayConsistent()
    {
        var price = await host.Http.NewPrice(100);
        var session = await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("expand[]", "line_items"));
        var lineId = session["line_items"]!["data"]![0].S("id");
        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(q =>
            host.Http.Post($"v1/checkout/sessions/{session.S("id")}", new Form(("line_items[0][id]", lineId), ("line_items[0][quantity]", q)))));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(results, r => Assert.Equal(r.Obj.L("amount_subtotal"), r.Obj.L("amount_total")));
        var final = await host.Http.Get($"v1/checkout/sessions/{session.S("id")}", new Form(("expand[]", "line_items")));
        var quantity = final.Obj["line_items"]!["data"]![0].L("quantity");
        Assert.Equal(quantity * 100, final.Obj.L("amount_total"));
        Assert.Equal(lineId, final.Obj["line_items"]!["data"]![0].S("id"));

        var ids = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
            (await host.Http.Create("v1/products", new Form(("name", $"Parallel {i}")))).S("id")));
        Assert.Equal(30, ids.Distinct().Count());
    }
}
