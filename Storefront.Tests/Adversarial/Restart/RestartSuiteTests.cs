using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Checkouts;
using Storefront.StripeEmulator;
using Storefront.Tests.Emulator;
using Storefront.Web.Checkout;
using Xunit.Abstractions;

namespace Storefront.Tests.Adversarial.Restart;

/// <summary>
/// Restart suite: the real shop (child process, SQLite, embedded emulator on disk) is SIGKILLed at random moments while
/// shoppers start checkouts, change them and pay with webhooks in flight; after each start the books must still add up.
/// Prints its figures (requests, kills, 5xx, pending webhooks at kill, orphans).
/// </summary>
public sealed class RestartSuiteTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 4;
    private const int Shoppers = 6;
    private static readonly string[] Products = ["house-blend-beans", "colombia-huila", "ethiopia-yirgacheffe", "pour-over-dripper", "french-press"];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "storefront-tests", "restart-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task KillingTheShopAtRandom_KeepsHoldsSessionsAndOrdersConsistent_AndShoppersCanBuyAgain()
    {
        Directory.CreateDirectory(_dir);
        var random = new Random(20261206);
        var figures = new RestartFigures();
        var paidSessions = new HashSet<string>();
        var pendingAtKill = new List<int>();
        using var shop = new ShopProcess(_dir, ShopProcess.FreePort());
        var shoppers = Enumerable.Range(0, Shoppers).Select(_ => new RemoteShopper(shop.BaseUrl, figures)).ToList();
        try
        {
            await shop.StartAsync();
            await WarmUpAsync(shop, figures, paidSessions);
            for (var round = 0; round < Kills; round++)
            {
                if (round > 0) await shop.StartAsync();
                using var stop = new CancellationTokenSource();
                // In the last round nobody pays, so checkouts are open at the kill and must carry on afterwards.
                var pay = round < Kills - 1;
                var running = shoppers.Select(s => ShopAsync(shop, s, new Random(random.Next()), pay, paidSessions, figures, stop.Token)).ToList();
                // Kill after a random amount of work (not time: a loaded CI machine is slow), at a random instant.
                var target = figures.Requests + random.Next(30, 80);
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (figures.Requests < target && DateTime.UtcNow < deadline) await Task.Delay(20);
                await Task.Delay(random.Next(0, 200));
                shop.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(running);
                pendingAtKill.Add(PendingWebhooks(shop));
            }

            await shop.StartAsync();
            await WaitForWebhooksAsync(shop);

            var report = await CheckAsync(shop, paidSessions);
            var versions = await ContinueSurvivorsAsync(shop, shoppers);
            var boughtAgain = await BuyAgainAsync(shop, figures);

            output.WriteLine($"Restart suite: {figures.Requests} requests, {Kills} kills, {figures.ServerErrors} 5xx, {figures.Dropped} requests cut by a kill");
            output.WriteLine($"  checkouts started {figures.Started} (refused {figures.RefusedStarts}), actions {figures.Actions}, sessions paid {figures.Paid}");
            output.WriteLine($"  pending webhooks at each kill: [{string.Join(", ", pendingAtKill)}]");
            output.WriteLine($"  open checkouts {report.Open}, orphans (open, no Stripe session) {report.Orphans}, unknown sessions {report.UnknownSessions}");
            output.WriteLine($"  paid sessions {report.PaidSessions}, orders {report.Orders}, DB/Stripe line drift before the next action {versions.Drifted}/{versions.Checked}, update leases left by a kill {versions.StaleLeases}");
            output.WriteLine($"  bought again after the restart: {string.Join(", ", boughtAgain)}");
            // Known and owned elsewhere (issue 11 item 1): a checkout start racing the retirement of the cart's earlier
            // checkout can still end in a 500 until the idempotent start lands. Every other 5xx fails the suite.
            var unexplained = figures.ServerErrorSamples.Where(e => e != "500 checkout start").ToList();
            output.WriteLine($"  5xx from the known start/retire race: {figures.ServerErrors - unexplained.Count}");
            Assert.True(unexplained.Count == 0 && figures.ServerErrorSamples.Count == figures.ServerErrors || figures.ServerErrors == 0,
                "5xx: " + string.Join("; ", figures.ServerErrorSamples));
            Assert.True(report.PaidSessions > 0, "no session was paid: the suite exercised nothing");
            shop.Kill();

            // Orphans (killed between taking holds and opening the session) stop holding stock when the sweeper runs.
            var orphansLeft = await SweepLaterAsync(shop);
            output.WriteLine($"  orphans left after the hold sweeper at now + session lifetime: {orphansLeft}");
            Assert.Equal(0, orphansLeft);
        }
        catch
        {
            output.WriteLine("Shop log (last lines):\n" + shop.RecentLog());
            throw;
        }
        finally
        {
            foreach (var s in shoppers) s.Dispose();
        }
    }

    /// <summary>
    /// One purchase of each product before the crowd arrives, so each Stripe price exists before shoppers race for it:
    /// racing first syncs of one price are the Races suite's subject, not this one's.
    /// </summary>
    private static async Task WarmUpAsync(ShopProcess shop, RestartFigures figures, HashSet<string> paid)
    {
        foreach (var slug in Products)
        {
            using var shopper = new RemoteShopper(shop.BaseUrl, figures);
            var session = await shopper.StartAsync(slug) ?? throw new Xunit.Sdk.XunitException("warm-up could not start " + slug);
            Assert.True(await shopper.PayAsync(), "warm-up could not pay " + session);
            paid.Add(session);
        }
    }

    /// <summary>One shopper's loop until the kill: start, change, pay; connection errors from the kill are counted and end it.</summary>
    private static async Task ShopAsync(ShopProcess shop, RemoteShopper shopper, Random random, bool pay, HashSet<string> paid, RestartFigures figures, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (shopper.SessionId is null)
                {
                    if (await shopper.StartAsync(Products[random.Next(Products.Length)]) is null) await Task.Delay(50, CancellationToken.None);
                    continue;
                }

                var roll = random.Next(10);
                if (roll < 4)
                {
                    await shopper.ActAsync(roll % 2 == 0 ? "PromotionCode" : "RemovePromotionCode", new { code = "WELCOME10" });
                }
                else if (roll < 8 && pay)
                {
                    var id = shopper.SessionId;
                    if (await shopper.PayAsync())
                    {
                        lock (paid) paid.Add(id);

                        // Like a shopper on the return page: the next checkout comes after the order (a kill may still
                        // leave this webhook pending). Starting while the webhook retires the same cart is the Races suite's case.
                        await WaitForOrderAsync(shop, id, TimeSpan.FromSeconds(10));
                    }
                }
                else if (pay)
                {
                    shopper.Forget(); // walks away; the checkout stays open and holds its stock
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // The kill cut this request. The shopper keeps their cookies and comes back after the restart.
                figures.Drop();
                return;
            }
        }
    }

    private sealed record Report(int Open, int Orphans, int UnknownSessions, int PaidSessions, int Orders);

    private async Task<Report> CheckAsync(ShopProcess shop, HashSet<string> paidByShoppers)
    {
        await using var db = Db(shop);
        var now = DateTimeOffset.UtcNow;
        var open = await db.Checkouts.AsNoTracking().Where(c => c.Status == CheckoutStatus.Open).ToListAsync();
        var openIds = open.Select(c => c.Id).ToHashSet();
        var holds = await db.InventoryHolds.AsNoTracking().ToListAsync();

        // Holds: only open checkouts hold stock, and never more than there is.
        Assert.All(holds, h => Assert.Contains(h.CheckoutId, openIds));
        var stock = await db.StockLevels.AsNoTracking().ToDictionaryAsync(s => s.ProductId, s => s.OnHand);
        foreach (var g in holds.Where(h => h.ExpiresAt > now).GroupBy(h => h.ProductId))
            Assert.True(g.Sum(h => h.Quantity) <= stock.GetValueOrDefault(g.Key), $"product {g.Key}: {g.Sum(h => h.Quantity)} held of {stock.GetValueOrDefault(g.Key)}");
        Assert.All(open, c => Assert.True(c.Version >= 0, $"checkout {c.Id} version {c.Version}"));

        // Every open checkout with a session points at a session Stripe (the emulator) knows, still open.
        using var stripe = Stripe(shop);
        var unknown = 0;
        foreach (var c in open.Where(c => c.StripeSessionId is not null))
        {
            var r = await stripe.GetAsync($"v1/checkout/sessions/{c.StripeSessionId}");
            if (r.StatusCode == HttpStatusCode.NotFound) unknown++;
        }

        Assert.Equal(0, unknown);

        // Every paid session (all the emulator knows, including ones whose webhook was pending at a kill) is exactly one order.
        var paid = await PaidSessionsAsync(stripe);
        Assert.Superset(paidByShoppers, paid.ToHashSet());
        var orders = await db.Orders.AsNoTracking().Select(o => o.StripeSessionId).ToListAsync();
        foreach (var session in paid)
            Assert.True(orders.Count(o => o == session) == 1, $"{session}: {orders.Count(o => o == session)} orders");
        Assert.All(orders, o => Assert.Contains(o, paid));
        return new Report(open.Count, open.Count(c => c.StripeSessionId is null), unknown, paid.Count, orders.Count);
    }

    private sealed record VersionReport(int Checked, int Drifted, int StaleLeases);

    /// <summary>Checkouts that survived the kills go on: one more change bumps the version by one and Stripe matches the quote.</summary>
    private async Task<VersionReport> ContinueSurvivorsAsync(ShopProcess shop, List<RemoteShopper> shoppers)
    {
        using var stripe = Stripe(shop);
        var checkedCount = 0;
        var drifted = 0;
        var staleLeases = 0;
        foreach (var shopper in shoppers.Where(s => s.SessionId is not null))
        {
            Checkout? before;
            await using (var db = Db(shop))
                before = await db.Checkouts.AsNoTracking().SingleOrDefaultAsync(c => c.StripeSessionId == shopper.SessionId && c.Status == CheckoutStatus.Open);
            if (before is null) continue;
            var session = JsonNode.Parse(await stripe.GetStringAsync($"v1/checkout/sessions/{shopper.SessionId}"))!;
            if ((string?)session["status"] != "open") continue;
            checkedCount++;
            await using (var db = Db(shop))
            {
                var quantities = await db.CheckoutLines.Where(l => l.CheckoutId == before.Id).SumAsync(l => l.Quantity);
                var items = JsonNode.Parse(await stripe.GetStringAsync($"v1/checkout/sessions/{shopper.SessionId}/line_items?limit=100"))!["data"]!.AsArray();
                if (items.Sum(i => (long)i!["quantity"]!) != quantities) drifted++;
            }

            // A kill during a change leaves its short update lease behind: the page answers 409 "changed in another
            // window" until it lapses (by design), then the checkout carries on.
            if (before.UpdateLeaseUntil is { } lease && lease > DateTimeOffset.UtcNow)
            {
                staleLeases++;
                await Task.Delay(lease - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
            }

            var (status, body) = before.PromotionCode is null
                ? await shopper.ActAsync("PromotionCode", new { code = "WELCOME10" })
                : await shopper.ActAsync("RemovePromotionCode", new { });
            Assert.True(status == HttpStatusCode.OK, $"{shopper.SessionId}: {(int)status} {body}");
            int version;
            await using (var db = Db(shop))
                version = (await db.Checkouts.AsNoTracking().SingleAsync(c => c.Id == before.Id)).Version;
            Assert.True(version > before.Version, $"{shopper.SessionId}: version {before.Version} -> {version} after a change");
            session = JsonNode.Parse(await stripe.GetStringAsync($"v1/checkout/sessions/{shopper.SessionId}"))!;
            Assert.Equal((long)body["totals"]!["total"]!, (long)session["amount_total"]!);

            // A refused change changes nothing, the version included.
            var (refused, message) = await shopper.ActAsync("PromotionCode", new { code = "NO-SUCH-CODE" });
            Assert.True((int)refused is >= 400 and < 500, $"{(int)refused} {message}");
            await using (var db = Db(shop))
                Assert.Equal(version, (await db.Checkouts.AsNoTracking().SingleAsync(c => c.Id == before.Id)).Version);
        }

        return new VersionReport(checkedCount, drifted, staleLeases);
    }

    /// <summary>A new shopper buys what was sold before the restarts: the stored Stripe prices still exist.</summary>
    private async Task<List<string>> BuyAgainAsync(ShopProcess shop, RestartFigures figures)
    {
        var bought = new List<string>();
        foreach (var slug in Products.Take(3))
        {
            using var shopper = new RemoteShopper(shop.BaseUrl, figures);
            var session = await shopper.StartAsync(slug);
            Assert.True(session is not null, $"could not start a checkout for {slug} after the restarts");
            Assert.True(await shopper.PayAsync(), $"could not pay {session}");
            Assert.True(await WaitForOrderAsync(shop, session!, TimeSpan.FromSeconds(20)), $"no order for {session}");

            bought.Add(slug);
        }

        return bought;
    }

    /// <summary>Runs the shop's hold sweeper once at now + session lifetime + 1 min (the shop stopped); the orphans still open.</summary>
    private static async Task<int> SweepLaterAsync(ShopProcess shop)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storefront"] = $"Data Source={shop.DatabasePath}",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddStorefrontData(configuration, Path.GetDirectoryName(shop.DatabasePath)!);
        await using var provider = services.BuildServiceProvider();
        var options = new CheckoutOptions();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + options.SessionLifetime + TimeSpan.FromMinutes(1));
        var sweeper = new HoldSweeper(provider.GetRequiredService<IServiceScopeFactory>(), clock, Options.Create(options), NullLogger<HoldSweeper>.Instance);
        await sweeper.SweepAsync(CancellationToken.None);
        await using var db = Db(shop);
        Assert.Equal(0, await db.InventoryHolds.CountAsync(h => h.ExpiresAt <= clock.GetUtcNow()));
        return await db.Checkouts.CountAsync(c => c.Status == CheckoutStatus.Open && c.StripeSessionId == null);
    }

    private static async Task<List<string>> PaidSessionsAsync(HttpClient stripe)
    {
        var paid = new List<string>();
        string? after = null;
        while (true)
        {
            var page = JsonNode.Parse(await stripe.GetStringAsync("v1/checkout/sessions?status=complete&limit=100" + (after is null ? "" : "&starting_after=" + after)))!;
            foreach (var s in page["data"]!.AsArray())
            {
                after = (string)s!["id"]!;
                if ((string?)s["payment_status"] == "paid") paid.Add(after);
            }

            if (!(bool)page["has_more"]!) return paid;
        }
    }

    private static async Task<bool> WaitForOrderAsync(ShopProcess shop, string sessionId, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            await using (var db = Db(shop))
                if (await db.Orders.AnyAsync(o => o.StripeSessionId == sessionId)) return true;
            await Task.Delay(100);
        }

        return false;
    }

    private static int PendingWebhooks(ShopProcess shop)
    {
        using var db = new SqliteConnection($"Data Source={shop.EmulatorDatabasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM objects WHERE kind = 'pending_delivery'";
        return (int)(long)cmd.ExecuteScalar()!;
    }

    private static async Task WaitForWebhooksAsync(ShopProcess shop)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (PendingWebhooks(shop) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{PendingWebhooks(shop)} webhooks still pending 30 s after the restart");
            await Task.Delay(200);
        }
    }

    private static StorefrontDbContext Db(ShopProcess shop) =>
        new(new DbContextOptionsBuilder<StorefrontDbContext>().UseSqlite($"Data Source={shop.DatabasePath};Pooling=False").Options);

    private static HttpClient Stripe(ShopProcess shop)
    {
        var http = new HttpClient { BaseAddress = new Uri(shop.BaseUrl, "_stripe/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StripeEmulatorOptions.DevelopmentApiKey);
        return http;
    }
}
