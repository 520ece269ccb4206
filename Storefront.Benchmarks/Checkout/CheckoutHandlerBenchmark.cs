using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Benchmarks.Checkout;

/// <summary>
/// <c>dotnet run -c Release --project Storefront.Benchmarks -- checkout [--shoppers 16] [--actions N] [--baseline-actions N] [--warmup N]</c>.
/// Hosts the whole app in-process and times the checkout page's JSON action handlers (quantity and add-on intents) as
/// a shopper's browser would call them: client round trip, server pipeline time, the time inside the Stripe update
/// call(s), the overhead beyond Stripe, and how many Stripe requests each action made.
/// </summary>
public static class CheckoutHandlerBenchmark
{
    /// <summary>Target for what the handler costs beyond the Stripe call.</summary>
    private const double OverheadP99TargetMs = 5.0;

    /// <summary>Physical products and their seeded stock (Storefront.Data/Seed/seed.json); each shopper holds at most 2.</summary>
    private static readonly (string Slug, int Stock)[] Products =
    [
        ("house-blend-beans", 40), ("colombia-huila", 30), ("ethiopia-yirgacheffe", 25), ("pour-over-dripper", 15), ("french-press", 12), ("gooseneck-kettle", 10),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var shoppers = Cli.IntArg(args, "--shoppers", 16);
        var actions = Cli.IntArg(args, "--actions", 40);
        var baselineActions = Cli.IntArg(args, "--baseline-actions", 200);
        var warmup = Cli.IntArg(args, "--warmup", 6);
        var minThreads = Cli.IntArg(args, "--min-threads", 0);
        if (shoppers < 1 || actions < 1 || baselineActions < 1 || warmup < 2)
        {
            Console.Error.WriteLine("--shoppers, --actions and --baseline-actions must be positive, --warmup at least 2.");
            return 2;
        }

        // Every shopper (plus the JIT warm-up and baseline shoppers) holds up to 2 units of its product.
        var capacity = Products.Sum(p => p.Stock / 2);
        if (shoppers + 2 > capacity)
        {
            Console.Error.WriteLine($"At most {capacity - 2} shoppers: the seeded stock would run out (each holds up to 2 units).");
            return 2;
        }

        if (minThreads > 0)
        {
            ThreadPool.GetMinThreads(out _, out var io);
            ThreadPool.SetMinThreads(minThreads, io);
        }

        ThreadPool.GetMinThreads(out var workerMin, out _);
        var total = Stopwatch.StartNew();
        Console.WriteLine($"Storefront checkout handler benchmark — {Cli.RuntimeInfo()}");
        Console.WriteLine($"{Cli.LoadAverage()} at start; the box is small and shared, so treat tails (p99, max) as noisy.");
        Console.WriteLine($"app in-process (WebApplicationFactory, Development, temp SQLite, emulator via TestServer, log level Warning); " +
                          $"shoppers {shoppers} × {actions} actions, baseline 1 × {baselineActions}, warm-up {warmup} per shopper; " +
                          $"thread pool min worker threads {workerMin}{(minThreads > 0 ? " (set by --min-threads)" : " (default)")}");
        Console.WriteLine();

        var meters = new ActionMeters();
        using var db = new DbProbe(meters);
        db.Start();
        await using var app = new BenchmarkApp(meters);
        var hostStarted = Stopwatch.StartNew();
        _ = app.Services; // builds the host: migrations and the Development seed
        Console.WriteLine($"host started and seeded in {hostStarted.Elapsed.TotalSeconds:0.0} s");

        var stock = Products.ToDictionary(p => p.Slug, p => p.Stock);
        string NextProduct()
        {
            var slug = stock.MaxBy(p => p.Value).Key;
            stock[slug] -= 2;
            return slug;
        }

        // JIT, EF model and query caches, connection pool, and the Stripe price sync for the product and the add-on.
        using (var jit = new Shopper(app, NextProduct()))
        {
            await jit.StartAsync();
            var warm = new List<ActionSample>(60);
            for (var i = 0; i < 60; i++)
            {
                var sample = await jit.NextAsync();
                Require(sample, "JIT warm-up");
                warm.Add(sample);
            }

            // The Stripe-call meter should see price syncs here (first use of a price) and 1 call per action after.
            Console.WriteLine($"JIT warm-up: 60 actions; Stripe calls per action {Histogram(warm.Select(s => meters.For(s.Id).StripeCalls))}");
            foreach (var s in warm.Where(s => meters.For(s.Id).StripeCalls != 1).Take(3))
            {
                Console.WriteLine($"  #{s.Id} {s.Kind}: {string.Join(" | ", meters.For(s.Id).Requests)}");
            }

            var address = await jit.AddressChangedAsync(app.Services.GetRequiredService<StripeEmulator.StripeEmulatorState>());
            Console.WriteLine(address.Status == HttpStatusCode.OK
                ? $"probe self-check: an AddressChanged action made {meters.For(address.Id).StripeCalls} Stripe requests (expected 2, read the session and update it, plus a tax-rate sync the first time a rate is used): {string.Join(" | ", meters.For(address.Id).Requests)}"
                : $"probe self-check: AddressChanged answered {(int)address.Status}: {address.Error}");
        }

        // 1. Baseline: one shopper alone, one action at a time.
        using (var alone = new Shopper(app, NextProduct()))
        {
            await alone.StartAsync();
            await WarmAsync(alone, warmup);
            var run = await MeasureAsync(meters, [alone], baselineActions);
            Report($"Sequential baseline: 1 shopper × {baselineActions} actions", run, meters);
        }

        // 2. Concurrent: N shoppers on their own checkouts, all acting at once.
        var crowd = new List<Shopper>(shoppers);
        try
        {
            for (var s = 0; s < shoppers; s++)
            {
                var shopper = new Shopper(app, NextProduct());
                crowd.Add(shopper);
                await shopper.StartAsync();
            }

            await Task.WhenAll(crowd.Select(s => WarmAsync(s, warmup)));
            var run = await MeasureAsync(meters, crowd, actions);
            Report($"Concurrent: {shoppers} shoppers × {actions} actions, own checkout each ({string.Join(", ", crowd.GroupBy(s => s.ProductSlug).Select(g => $"{g.Count()}× {g.Key}"))})", run, meters);
        }
        finally
        {
            crowd.ForEach(s => s.Dispose());
        }

        Console.WriteLine($"{Cli.LoadAverage()} at end; total runtime {total.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static async Task WarmAsync(Shopper shopper, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Require(await shopper.NextAsync(), "warm-up");
        }
    }

    private static void Require(ActionSample sample, string phase)
    {
        if (sample.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{phase}: {sample.Kind} answered {(int)sample.Status}: {sample.Error}");
        }
    }

    private sealed record Run(ActionSample[] Samples, TimeSpan Wall, long AllocatedBytes, int Gen0, int Gen1, int Gen2, long LockContentions,
        int ThreadsBefore, int ThreadsAfter, int MaxThreads, long MaxQueued, TimeSpan Cpu, string[] OutsideStripeCalls);

    private static async Task<Run> MeasureAsync(ActionMeters meters, IReadOnlyList<Shopper> shoppers, int actionsEach)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        meters.ClearOutside();
        var samples = new ActionSample[shoppers.Count * actionsEach];
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var contentions = Monitor.LockContentionCount;
        var threads = ThreadPool.ThreadCount;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (maxThreads, maxQueued) = (threads, 0L);
        using var sampler = new Timer(_ =>
        {
            maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
            maxQueued = Math.Max(maxQueued, ThreadPool.PendingWorkItemCount);
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(shoppers.Select((shopper, s) => Task.Run(async () =>
        {
            for (var i = 0; i < actionsEach; i++)
            {
                samples[(s * actionsEach) + i] = await shopper.NextAsync();
            }
        })));
        wall.Stop();
        return new Run(samples, wall.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            Monitor.LockContentionCount - contentions, threads, ThreadPool.ThreadCount, maxThreads, maxQueued,
            Process.GetCurrentProcess().TotalProcessorTime - cpu, [.. meters.Outside]);
    }

    private static void Report(string title, Run run, ActionMeters meters)
    {
        var ok = run.Samples.Where(s => s.Status == HttpStatusCode.OK).ToArray();
        var failed = run.Samples.Length - ok.Length;
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(Invariant($"  wall {run.Wall.TotalMilliseconds:0} ms, {run.Samples.Length / run.Wall.TotalSeconds:0} actions/s; {ok.Length} succeeded ") + Invariant(
                                    $"({ok.Count(s => s.Kind == ActionKind.Quantity)} quantity, {ok.Count(s => s.Kind == ActionKind.AddOn)} add-on), {failed} failed"));
        foreach (var group in run.Samples.Where(s => s.Status != HttpStatusCode.OK).GroupBy(s => $"{s.Kind} {(int)s.Status} {s.Error}").OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine($"    failure ×{group.Count()}: {group.Key}");
        }

        if (ok.Length == 0)
        {
            return;
        }

        var roundTrip = ok.Select(s => s.RoundTripTicks).ToArray();
        var server = ok.Select(s => meters.For(s.Id).ServerTicks).ToArray();
        var stripe = ok.Select(s => meters.For(s.Id).StripeTicks).ToArray();
        var overhead = ok.Select(s => s.RoundTripTicks - meters.For(s.Id).StripeTicks).ToArray();
        var serverOverhead = ok.Select(s => meters.For(s.Id).ServerTicks - meters.For(s.Id).StripeTicks).ToArray();

        Console.WriteLine($"  {"(ms)",-50} {"p50",8} {"p95",8} {"p99",8} {"max",8}");
        Row("handler latency (client round trip, TestServer)", roundTrip);
        Row("  of which in the app pipeline (server side)", server);
        Row("Stripe call time (Stripe HttpClient, per action)", stripe);
        Row("overhead beyond Stripe (round trip − Stripe)", overhead);
        Row("  server-side overhead (pipeline − Stripe)", serverOverhead);
        Row("  server time before the Stripe call", ok.Select(s => meters.For(s.Id).BeforeStripeTicks).ToArray());
        Row("  server time after the Stripe call", ok.Select(s => meters.For(s.Id).AfterStripeTicks).ToArray());
        Row("DB time (EF command executes + commits)", ok.Select(s => meters.For(s.Id).DbTicks).ToArray());
        Row("overhead beyond Stripe and DB (round trip − both)", ok.Select(s => s.RoundTripTicks - meters.For(s.Id).StripeTicks - meters.For(s.Id).DbTicks).ToArray());
        foreach (var kind in Enum.GetValues<ActionKind>())
        {
            var mine = ok.Where(s => s.Kind == kind).Select(s => s.RoundTripTicks - meters.For(s.Id).StripeTicks).ToArray();
            if (mine.Length > 0)
            {
                Row($"  overhead beyond Stripe, {kind} only", mine);
            }
        }

        var share = stripe.Sum() / (double)roundTrip.Sum();
        Console.WriteLine(Invariant($"  share of handler time spent in the Stripe call: {share:P1} (sum of Stripe time / sum of round trips)"));

        // Stripe calls per action: the HTTP requests the Stripe HttpClient made while the action's request was handled.
        foreach (var kind in Enum.GetValues<ActionKind>())
        {
            var histogram = ok.Where(s => s.Kind == kind).GroupBy(s => meters.For(s.Id).StripeCalls).OrderBy(g => g.Key)
                .Select(g => $"{g.Key} call{(g.Key == 1 ? "" : "s")} × {g.Count()}");
            Console.WriteLine($"  Stripe calls per {kind} action: {string.Join(", ", histogram)}");
        }

        foreach (var kind in Enum.GetValues<ActionKind>())
        {
            var mine = ok.Where(s => s.Kind == kind).Select(s => meters.For(s.Id)).ToArray();
            if (mine.Length > 0)
            {
                Console.WriteLine(Invariant($"  DB per {kind} action (mean): {mine.Average(m => m.DbCommands):0.0} EF commands ({mine.Average(m => m.DbWrites):0.0} writes), ") +
                                  Invariant($"{mine.Average(m => m.DbCommits):0.0} explicit commits; min–max commands {mine.Min(m => m.DbCommands)}–{mine.Max(m => m.DbCommands)}; ") +
                                  Invariant($"EF query compilations (cache misses) {mine.Average(m => m.QueryCompilations):0.0} per action; ") +
                                  Invariant($"before the Stripe call {mine.Average(m => m.DbCommandsBeforeStripe):0.0} commands / {mine.Average(m => Ms(m.DbTicksBeforeStripe)):0.00} ms, ") +
                                  Invariant($"after {mine.Average(m => m.DbCommands - m.DbCommandsBeforeStripe):0.0} / {mine.Average(m => Ms(m.DbTicks - m.DbTicksBeforeStripe)):0.00} ms"));
            }
        }

        var odd = ok.Where(s => meters.For(s.Id).StripeCalls != 1).ToArray();
        Console.WriteLine(odd.Length == 0
            ? "  every action made exactly 1 Stripe request (expected: one session update)"
            : $"  {odd.Length} action(s) did NOT make exactly 1 Stripe request, e.g.:");
        foreach (var s in odd.Take(5))
        {
            Console.WriteLine($"    #{s.Id} {s.Kind}: {string.Join(" | ", meters.For(s.Id).Requests)}");
        }

        if (run.OutsideStripeCalls.Length > 0)
        {
            Console.WriteLine($"  Stripe requests outside any action during the run: {run.OutsideStripeCalls.Length} ({string.Join(", ", run.OutsideStripeCalls.Distinct().Take(3))})");
        }

        Console.WriteLine(Invariant($"  CPU (whole process: client, app, emulator) {run.Cpu.TotalMilliseconds / run.Samples.Length:0.00} ms per action, ") +
                          Invariant($"{run.Cpu.TotalMilliseconds / run.Wall.TotalMilliseconds / Environment.ProcessorCount:P0} of {Environment.ProcessorCount} CPUs over the run"));
        Console.WriteLine(Invariant($"  allocated {run.AllocatedBytes / 1024.0 / run.Samples.Length:0} KiB per action (whole process: client, app, emulator); ") + Invariant(
                                    $"GCs gen0 {run.Gen0}, gen1 {run.Gen1}, gen2 {run.Gen2}; Monitor lock contentions {run.LockContentions}; ") + Invariant(
                                    $"thread pool threads {run.ThreadsBefore} → {run.ThreadsAfter} (max {run.MaxThreads}), max queued work items {run.MaxQueued}"));
        var p99 = Ms(Percentile(overhead, 99));
        Console.WriteLine(Invariant($"  target: overhead beyond Stripe p99 ≤ {OverheadP99TargetMs:0} ms → p99 {p99:0.000} ms: {(p99 <= OverheadP99TargetMs ? "MET" : "MISSED")} ") +
                          "(the quote ≤ 5 µs target is checked by the quote mode)");
    }

    private static string Histogram(IEnumerable<int> calls) =>
        string.Join(", ", calls.GroupBy(c => c).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"));

    private static void Row(string label, long[] ticks) =>
        Console.WriteLine(Invariant($"  {label,-50} {Ms(Percentile(ticks, 50)),8:0.000} {Ms(Percentile(ticks, 95)),8:0.000} {Ms(Percentile(ticks, 99)),8:0.000} {Ms(ticks.Max()),8:0.000}"));

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>Nearest-rank percentile.</summary>
    private static long Percentile(long[] values, double p)
    {
        var sorted = (long[])values.Clone();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
