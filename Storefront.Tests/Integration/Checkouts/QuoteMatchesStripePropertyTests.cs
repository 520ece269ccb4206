using System.Net;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

/// <summary>
/// Property: whatever a shopper does, in whatever order, the server's quote and the Stripe session agree on
/// amount_subtotal, total_details and amount_total after every update. Seeded, so a failure replays exactly.
/// Runs in both discount modes (LinePrices: the default app; Preview: <see cref="PreviewStorefrontAppFactory"/>).
/// </summary>
public sealed class QuoteMatchesStripePropertyTests(StorefrontAppFactory app) : QuoteMatchesStripeProperty(app), IClassFixture<StorefrontAppFactory>
{
    protected override string ExpectedMode => "LinePrices";
}

public sealed class QuoteMatchesStripePreviewPropertyTests(PreviewStorefrontAppFactory app) : QuoteMatchesStripeProperty(app), IClassFixture<PreviewStorefrontAppFactory>
{
    protected override string ExpectedMode => "Preview";
}

public abstract class QuoteMatchesStripeProperty(StorefrontAppFactory app)
{
    /// <summary>The mode a payment checkout's answers must report (subscriptions always report LinePrices).</summary>
    protected abstract string ExpectedMode { get; }

    private static readonly (string Slug, string? Interval)[] Catalog =
    [
        ("house-blend-beans", null), ("ethiopia-yirgacheffe", null), ("pour-over-dripper", null), ("gooseneck-kettle", null),
        ("burr-grinder", null), ("brewing-masterclass", null), ("latte-art-course", null), ("roasters-choice", "Month"),
        ("brew-club-digital", "Year"),
    ];

    private static readonly string[] AddOns = ["gift-wrap", "express-shipping", "extended-warranty"];

    private static readonly (string Country, string? State)[] Addresses = [("US", "NY"), ("US", "CA"), ("US", "WA"), ("CA", "ON"), ("GB", null), ("DE", null), ("JP", null)];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task RandomActionSequences_KeepQuoteAndSessionTotalsEqual(int seed)
    {
        var random = new Random(seed);
        var shopper = new ShopperClient(app);
        if (random.Next(2) == 0)
        {
            await shopper.SignInAsync("gold@storefront.local", "Shopper!23456");
        }

        var items = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => Catalog[random.Next(Catalog.Length)])
            .DistinctBy(i => i.Slug)
            .Where((item, index) => item.Interval is null || index == 0)
            .Select(i => (i.Slug, random.Next(1, 3), i.Interval))
            .ToArray();
        var actions = new CheckoutActionClient(app, shopper, await CheckoutFlow.StartAsync(app, shopper, items));
        var log = new List<string>();
        var successes = 0;

        for (var step = 0; step < 10; step++)
        {
            var (name, run) = PickAction(random, actions);
            var (status, body) = await run();
            log.Add($"{name} -> {(int)status} {(string?)body["message"]}");
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.NotFound,
                $"Unexpected {(int)status} after: {string.Join(" | ", log)}");
            if (status == HttpStatusCode.OK)
            {
                successes++;
                try
                {
                    // A signed-in shopper's cart may still hold an earlier seed's subscription: ask the session, not the seed.
                    Assert.Equal((string?)actions.Session()["mode"] == "subscription" ? "LinePrices" : ExpectedMode, (string?)body["discountMode"]);
                    CheckoutActionClient.AssertTotalsMatch(body, actions.Session());
                }
                catch (Exception ex)
                {
                    throw new Xunit.Sdk.XunitException($"Seed {seed}, step {step}: {ex.Message}\nActions: {string.Join(" | ", log)}\nQuote: {body["totals"]}\nSession: {actions.Session()["total_details"]} total {actions.Session()["amount_total"]}");
                }
            }
        }

        Assert.True(successes >= 3, $"Too few successful updates to mean anything: {string.Join(" | ", log)}");
    }

    private (string Name, Func<Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Body)>> Run) PickAction(Random random, CheckoutActionClient actions)
    {
        switch (random.Next(6))
        {
            case 0:
                var addOn = AddOns[random.Next(AddOns.Length)];
                var include = random.Next(3) > 0;
                return ($"addon {addOn} {include}", () => actions.AddOnAsync(addOn, include));
            case 1:
                var interval = random.Next(2) == 0 ? "month" : "year";
                return ($"interval {interval}", () => actions.IntervalAsync(interval));
            case 2:
                var code = random.Next(3) switch { 0 => "WELCOME10", 1 => "SUMMER25", _ => "NOPE" };
                return ($"code {code}", () => actions.CodeAsync(code));
            case 3:
                var (country, state) = Addresses[random.Next(Addresses.Length)];
                return ($"address {country} {state}", () => actions.AddressAsync(country, state));
            default:
                var quantity = random.Next(0, 5);
                return ($"quantity {quantity}", async () =>
                {
                    var lineId = await CheckoutFlow.QueryAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                        db.CheckoutLines.Where(l => l.Kind == Data.Checkouts.CheckoutLineKind.Product
                                                    && db.Checkouts.Any(c => c.Id == l.CheckoutId && c.StripeSessionId == actions.SessionId))
                            .OrderBy(l => l.Position).Select(l => l.Id)));
                    return await actions.QuantityAsync(lineId, quantity);
                });
        }
    }
}
