using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.StripeEmulator;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

public sealed class CheckoutRaceTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task FiftyParallelIncreasesForTheLastTenUnits_NeverHoldMoreThanTheStock()
    {
        await SetStockAsync("french-press", 10);
        var shoppers = new List<CheckoutActionClient>();
        for (var i = 0; i < 5; i++)
        {
            var shopper = new ShopperClient(app);
            shoppers.Add(new CheckoutActionClient(app, shopper, await CheckoutFlow.StartAsync(app, shopper, ("french-press", 1, null))));
        }

        var lineIds = new Dictionary<string, long>();
        foreach (var s in shoppers)
        {
            lineIds[s.SessionId] = await CheckoutFlow.LineIdAsync(app, s.SessionId);
        }

        var random = new Random(20261121);
        var requests = Enumerable.Range(0, 50).Select(i => (Shopper: shoppers[i % 5], Quantity: random.Next(2, 8))).ToList();
        var results = await Task.WhenAll(requests.Select(r => r.Shopper.QuantityAsync(lineIds[r.Shopper.SessionId], r.Quantity)));

        Assert.All(results, r => Assert.Contains(r.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Contains(results, r => r.Status == HttpStatusCode.OK);
        var held = await CheckoutFlow.HeldAsync(app, "french-press");
        Assert.InRange(held, 5, 10);
        foreach (var s in shoppers)
        {
            var stored = await CheckoutFlow.QueryAsync(app, db => db.CheckoutLines.Where(l => l.Id == lineIds[s.SessionId]).Select(l => l.Quantity).SingleAsync());
            // Only the press: a large enough order also holds the complimentary spoon.
            var heldBy = await CheckoutFlow.QueryAsync(app, db => db.InventoryHolds
                .Where(h => db.Checkouts.Any(c => c.Id == h.CheckoutId && c.StripeSessionId == s.SessionId) && db.Products.Any(p => p.Id == h.ProductId && p.Slug == "french-press"))
                .SumAsync(h => h.Quantity));
            var item = s.Session()["line_items"]!["data"]![0]!;
            Assert.Equal(stored, heldBy);

            // LinePrices mode: a discounted line whose total does not divide by its quantity is sent as "N × Name", quantity 1.
            var folded = (string?)item["description"] == $"{stored} × French Press";
            Assert.Equal(folded ? 1 : stored, (long)item["quantity"]!);
        }
    }

    [Fact]
    public async Task TwoTabsRacing_OneWins_TheOtherGets409_AndStripeMatchesTheDatabase()
    {
        var shopper = new ShopperClient(app);
        var actions = new CheckoutActionClient(app, shopper, await CheckoutFlow.StartAsync(app, shopper, ("colombia-huila", 1, null)));
        await actions.AddOnAsync("gift-wrap", false);
        app.Emulator.AddFault(new FaultRule { Method = "POST", PathPattern = $"/v1/checkout/sessions/{actions.SessionId}", Kind = FaultKind.Latency, Latency = TimeSpan.FromMilliseconds(400), Count = 1 });

        var first = actions.AddOnAsync("gift-wrap", true);
        await Task.Delay(100);
        var second = await actions.AddOnAsync("extended-warranty", true);
        var winner = await first;

        Assert.Equal(HttpStatusCode.OK, winner.Status);
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("Your order was changed in another window. The page will refresh.", (string?)second.Body["message"]);
        Assert.True((bool)second.Body["reload"]!);
        var names = actions.Session()["line_items"]!["data"]!.AsArray().Select(i => (string?)i!["description"]).ToList();
        Assert.Equal(["Colombia Huila", "Gift Wrap"], names);
        var stored = await CheckoutFlow.QueryAsync(app, db => db.CheckoutLines
            .Where(l => db.Checkouts.Any(c => c.Id == l.CheckoutId && c.StripeSessionId == actions.SessionId)).CountAsync());
        Assert.Equal(2, stored);
    }

    private async Task SetStockAsync(string slug, int onHand)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var level = await db.StockLevels.SingleAsync(s => db.Products.Any(p => p.Id == s.ProductId && p.Slug == slug));
        level.SetOnHand(onHand);
        await db.SaveChangesAsync();
    }
}
