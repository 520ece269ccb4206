using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storefront.StripeEmulator;
using Storefront.Web.Stripe;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Benchmarks.Stripe;

/// <summary>
/// <c>dotnet run -c Release --project Storefront.Benchmarks -- stripe [--iterations N] [--warmup N] [--concurrency N]</c>.
/// Hosts the emulator on Kestrel 127.0.0.1:0 and times checkout-session updates (replace line items + discount)
/// through the real <see cref="IStripeGateway"/> (Stripe.net): server time at the emulator's HTTP boundary (a middleware around
/// it), client round trip, their difference (client + transport overhead), and encode/decode costs in isolation.
/// </summary>
public static class StripeLatencyBenchmark
{
    private const string Prefix = "/_stripe";

    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = Cli.IntArg(args, "--iterations", 2000);
        var warmup = Cli.IntArg(args, "--warmup", Math.Min(500, Math.Max(50, iterations / 4)));
        var concurrency = Cli.IntArg(args, "--concurrency", 16);
        if (iterations < 1 || concurrency < 1)
        {
            Console.Error.WriteLine("--iterations and --concurrency must be positive.");
            return 2;
        }

        var total = Stopwatch.StartNew();
        var serverTicks = new ServerTimings();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddStripeEmulator(o => o.ApiKeys = [StripeOptions.DevelopmentEmulatorApiKey]);
        await using var app = builder.Build();
        app.Use(async (ctx, next) =>
        {
            // The emulator's HTTP boundary: everything it does for the request, including writing the body.
            var started = Stopwatch.GetTimestamp();
            await next(ctx);
            if (serverTicks.Recording && HttpMethods.IsPost(ctx.Request.Method)) serverTicks.Add(Stopwatch.GetTimestamp() - started);
        });
        app.UseStripeEmulator(Prefix);
        await app.StartAsync();
        var origin = app.Urls.First().TrimEnd('/');

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stripe:ApiBase"] = origin + Prefix,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStripeGateway(configuration);
        await using var provider = services.BuildServiceProvider();
        var stripe = provider.GetRequiredService<IStripeGateway>();

        var fixture = await Fixture.CreateAsync(stripe);

        Console.WriteLine($"Storefront Stripe benchmark — {Cli.RuntimeInfo()}");
        Console.WriteLine($"emulator at {origin}{Prefix}; iterations {iterations}, warm-up {warmup}, concurrency {concurrency}");
        Console.WriteLine();

        // Warm-up: JIT, connection pool, emulator dictionaries.
        var warm = await fixture.NewSessionAsync(stripe);
        for (var i = 0; i < warmup; i++) await fixture.UpdateAsync(stripe, warm, i);

        // 1. Sequential: one caller, one session, N updates. Server and client timings pair up one to one.
        var session = await fixture.NewSessionAsync(stripe);
        var roundTrips = new long[iterations];
        GC.Collect();
        var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
        serverTicks.Start(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await fixture.UpdateAsync(stripe, session, i);
            roundTrips[i] = Stopwatch.GetTimestamp() - started;
        }
        var server = serverTicks.Stop();
        var allocPerCall = (GC.GetTotalAllocatedBytes(precise: true) - allocBefore) / (double)iterations;
        if (server.Length != iterations) throw new InvalidOperationException($"Expected {iterations} server timings, got {server.Length}.");
        var overhead = new long[iterations];
        for (var i = 0; i < iterations; i++) overhead[i] = roundTrips[i] - server[i];

        Console.WriteLine($"Sequential: {iterations} × POST /v1/checkout/sessions/{{id}} (2 line items replaced + discount, expand none)");
        PrintRow("emulator (HTTP handler boundary)", server, Ms);
        PrintRow("client round trip", roundTrips, Ms);
        PrintRow("client + transport overhead (RT − server)", overhead, Us);
        Console.WriteLine($"  allocations, whole process per call (client + Kestrel + emulator): {allocPerCall / 1024:0.0} KiB");
        Console.WriteLine();

        // 2. The client's own CPU work in isolation: encode the request, decode the response (same thread, no I/O).
        var (encodeUs, encodeBytes, decodeUs, decodeBytes, bodyBytes) = await fixture.MeasureCodecAsync(stripe, app.Services.GetRequiredService<StripeEmulatorState>(), session, Math.Max(iterations, 2000));
        Console.WriteLine("Client codec in isolation (median of 21 Stopwatch batches; GC.GetAllocatedBytesForCurrentThread deltas):");
        Console.WriteLine($"  form-encode update request   {encodeUs,8:0.00} µs/call  {encodeBytes,8:0} B/call");
        Console.WriteLine($"  decode session JSON ({bodyBytes} B)  {decodeUs,8:0.00} µs/call  {decodeBytes,8:0} B/call");
        Console.WriteLine();

        // 3. Concurrency: C callers, each on its own session, N updates in total.
        var perCaller = Math.Max(1, iterations / concurrency);
        var sessions = new string[concurrency];
        for (var c = 0; c < concurrency; c++) sessions[c] = await fixture.NewSessionAsync(stripe);
        var concurrent = new long[concurrency * perCaller];
        serverTicks.Start(concurrent.Length);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await fixture.UpdateAsync(stripe, sessions[c], i);
                concurrent[(c * perCaller) + i] = Stopwatch.GetTimestamp() - started;
            }
        })));
        wall.Stop();
        var concurrentServer = serverTicks.Stop();
        Console.WriteLine($"Concurrent: {concurrency} callers × {perCaller} updates, own session each");
        PrintRow("emulator (HTTP handler boundary)", concurrentServer, Ms);
        PrintRow("client round trip", concurrent, Ms);
        Console.WriteLine($"  throughput {concurrent.Length / wall.Elapsed.TotalSeconds:0} updates/s over {wall.Elapsed.TotalMilliseconds:0} ms");
        Console.WriteLine();
        Console.WriteLine($"total runtime {total.Elapsed.TotalSeconds:0.0} s");

        await app.StopAsync();
        return 0;
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Us(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static void PrintRow(string label, long[] ticks, Func<long, double> unit)
    {
        var sorted = (long[])ticks.Clone();
        Array.Sort(sorted);
        var name = unit == Ms ? "ms" : "µs";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-44} p50 {unit(Percentile(sorted, 50)),8:0.000}  p95 {unit(Percentile(sorted, 95)),8:0.000}  p99 {unit(Percentile(sorted, 99)),8:0.000}  max {unit(sorted[^1]),8:0.000} {name}"));
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    private static long Percentile(long[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Server-side timings, collected only while a run is recording.</summary>
    private sealed class ServerTimings
    {
        private readonly Lock _gate = new();
        private List<long> _ticks = [];

        public bool Recording { get; private set; }

        public void Start(int capacity)
        {
            lock (_gate) _ticks = new List<long>(capacity);
            Recording = true;
        }

        public void Add(long ticks)
        {
            lock (_gate) _ticks.Add(ticks);
        }

        public long[] Stop()
        {
            Recording = false;
            lock (_gate) return [.. _ticks];
        }
    }

    /// <summary>The catalogue the updates use: two prices, an exclusive tax rate.</summary>
    private sealed class Fixture
    {
        private readonly string _mug;
        private readonly string _poster;
        private readonly string _tax;

        private Fixture(string mug, string poster, string tax) => (_mug, _poster, _tax) = (mug, poster, tax);

        public static async Task<Fixture> CreateAsync(IStripeGateway stripe)
        {
            var mug = await stripe.CreatePriceAsync(new PriceCreateOptions { Currency = "usd", UnitAmount = 1250, ProductData = new() { Name = "Mug" } });
            var poster = await stripe.CreatePriceAsync(new PriceCreateOptions { Currency = "usd", UnitAmount = 1999, ProductData = new() { Name = "Poster" } });
            var tax = await stripe.CreateTaxRateAsync(new TaxRateCreateOptions { DisplayName = "NY", Percentage = 8.875m, Inclusive = false });
            return new Fixture(mug.Id, poster.Id, tax.Id);
        }

        public async Task<string> NewSessionAsync(IStripeGateway stripe)
        {
            var s = await stripe.CreateCheckoutSessionAsync(new SessionCreateOptions
            {
                UiMode = "elements",
                Mode = "payment",
                ReturnUrl = "https://shop.test/return?session_id={CHECKOUT_SESSION_ID}",
                LineItems =
                [
                    new SessionLineItemOptions { Price = _mug, Quantity = 1, TaxRates = [_tax] },
                    new SessionLineItemOptions { Price = _poster, Quantity = 1, TaxRates = [_tax] },
                ],
            });
            return s.Id;
        }

        /// <summary>The cart changes every time: new quantities, the line list replaced, the discount swapped (preview coupon_data).</summary>
        public SessionUpdateOptions Request(int i)
        {
            var options = new SessionUpdateOptions
            {
                LineItems =
                [
                    new SessionLineItemOptions { Price = _mug, Quantity = 1 + (i % 5), TaxRates = [_tax] },
                    new SessionLineItemOptions { Price = _poster, Quantity = 1 + (i % 3), TaxRates = [_tax] },
                ],
                Metadata = new Dictionary<string, string> { ["cart_version"] = i.ToString(CultureInfo.InvariantCulture) },
            };
            options.AddExtraParam("discounts[0][coupon_data][name]", i % 2 == 0 ? "10 %" : "5 off");
            if (i % 2 == 0)
            {
                options.AddExtraParam("discounts[0][coupon_data][percent_off]", 10m);
            }
            else
            {
                options.AddExtraParam("discounts[0][coupon_data][amount_off]", 500);
                options.AddExtraParam("discounts[0][coupon_data][currency]", "usd");
            }

            return options;
        }

        public async Task UpdateAsync(IStripeGateway stripe, string sessionId, int i)
        {
            var s = await stripe.UpdateCheckoutSessionAsync(sessionId, Request(i), preview: true);
            if (s.AmountTotal is null or <= 0) throw new InvalidOperationException("Unexpected session total.");
        }

        public async Task<(double EncodeUs, double EncodeBytes, double DecodeUs, double DecodeBytes, int BodyBytes)> MeasureCodecAsync(
            IStripeGateway stripe, StripeEmulatorState emulator, string sessionId, int n)
        {
            var request = Request(1);
            // The body the client decodes: the emulator's own JSON for the session after this update.
            await stripe.UpdateCheckoutSessionAsync(sessionId, request, preview: true);
            var body = emulator.GetSessionJson(sessionId) ?? throw new InvalidOperationException("session vanished");
            // Warm up for long enough that tiered compilation promotes the hot paths (call counting starts after 100 ms).
            var warm = Stopwatch.StartNew();
            while (warm.ElapsedMilliseconds < 600)
            {
                _ = StripeEntity.FromJson<Session>(body);
            }

            // Median of 21 batches: robust against GC pauses and the scheduler on a small, shared machine.
            var batch = Math.Max(100, n / 21);
            // Stripe.net's form encoder is internal: only its decode is timed on its own (encode is inside the round trip).
            var (encodeUs, encodeBytes) = (double.NaN, double.NaN);
            var (decodeUs, decodeBytes) = MedianOfBatches(batch, () => _ = StripeEntity.FromJson<Session>(body));
            return (encodeUs, encodeBytes, decodeUs, decodeBytes, body.Length);
        }

        private static (double MicrosPerCall, double BytesPerCall) MedianOfBatches(int batch, Action action)
        {
            var micros = new double[21];
            double bytesPerCall = 0;
            for (var b = 0; b < micros.Length; b++)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < batch; i++) action();
                micros[b] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / batch;
                bytesPerCall = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)batch;
            }
            Array.Sort(micros);
            return (micros[micros.Length / 2], bytesPerCall);
        }
    }
}
