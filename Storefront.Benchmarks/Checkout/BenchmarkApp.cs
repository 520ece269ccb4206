using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Storefront.StripeEmulator;
using Storefront.Web.Stripe;

namespace Storefront.Benchmarks.Checkout;

/// <summary>
/// The whole app in-process, configured like the integration tests' factory: Development (seeded catalogue), its own
/// temporary SQLite file and key ring, the embedded Stripe emulator reached through the TestServer (no sockets),
/// no Stripe retries and a rate limit far above what the benchmark sends. On top of that, two probes that do not
/// change app code: a middleware at the very front of the pipeline (server-side time of each benchmarked request)
/// and a DelegatingHandler on the Stripe named HttpClient (time and count of every Stripe request), both keyed by
/// the action id the benchmark puts in the <see cref="ActionHeader"/> request header.
/// </summary>
internal sealed class BenchmarkApp(ActionMeters meters) : WebApplicationFactory<global::Program>
{
    public const string ActionHeader = "X-Benchmark-Action";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "storefront-bench", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Storefront", $"Data Source={Path.Combine(directory, "storefront.db")}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(directory, "keys"));
        builder.UseSetting("Stripe:ApiBase", "http://localhost/_stripe");
        builder.UseSetting("Stripe:MaxNetworkRetries", "0");
        builder.UseSetting("Checkout:UpdatesPerMinute", "6000000");

        // Console logging at Information (the app's default) would dominate the handler time being measured:
        // keep warnings and errors only. The settings override appsettings*.json like the connection string does.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton(meters);
            services.AddSingleton<IStartupFilter, ServerTimingStartupFilter>();
            services.AddHttpClient(StripeServiceCollectionExtensions.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(InMemory)
                .AddHttpMessageHandler(sp => new StripeCallMeter(sp.GetRequiredService<IHttpContextAccessor>(), meters));
            services.AddHttpClient(StripeEmulatorOptions.WebhookHttpClientName).ConfigurePrimaryHttpMessageHandler(InMemory);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static HttpMessageHandler InMemory(IServiceProvider services) =>
        ((TestServer)services.GetRequiredService<IServer>()).CreateHandler();

    /// <summary>Front of the pipeline: the server-side time of each request that carries an action id.</summary>
    private sealed class ServerTimingStartupFilter(ActionMeters meters) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                if (!ActionMeters.TryGetId(context.Request.Headers[ActionHeader], out var id))
                {
                    await inner(context);
                    return;
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    await inner(context);
                }
                finally
                {
                    meters.AddServer(id, started, Stopwatch.GetTimestamp());
                }
            });
            next(app);
        };
    }

    /// <summary>
    /// Wraps the Stripe client's transport: every request the app makes to Stripe is timed (send through to the body
    /// buffered, i.e. the emulator's whole work plus the in-memory transport) and charged to the action whose
    /// request is being handled, or to "outside any action" (checkout start, price syncs done elsewhere).
    /// </summary>
    private sealed class StripeCallMeter(IHttpContextAccessor http, ActionMeters meters) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var hasAction = ActionMeters.TryGetId(http.HttpContext?.Request.Headers[ActionHeader] ?? default, out var id);
            var started = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var ended = Stopwatch.GetTimestamp();
            var what = $"{request.Method} {request.RequestUri?.AbsolutePath} → {(int)response.StatusCode}";
            if (hasAction)
            {
                meters.AddStripe(id, started, ended, what);
            }
            else
            {
                meters.AddOutside(what);
            }

            return response;
        }
    }
}

/// <summary>What the probes saw for each action id.</summary>
internal sealed class ActionMeters
{
    private readonly ConcurrentDictionary<int, Meter> byAction = new();
    private readonly ConcurrentQueue<string> outside = new();

    public IReadOnlyCollection<string> Outside => outside;

    public static bool TryGetId(Microsoft.Extensions.Primitives.StringValues header, out int id) =>
        int.TryParse(header.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out id);

    public Meter For(int id) => byAction.GetOrAdd(id, static _ => new Meter());

    public void AddServer(int id, long started, long ended)
    {
        var meter = For(id);
        lock (meter)
        {
            meter.ServerStarted = started;
            meter.ServerEnded = ended;
        }
    }

    public void AddStripe(int id, long started, long ended, string what)
    {
        var meter = For(id);
        lock (meter)
        {
            meter.StripeCalls++;
            meter.StripeTicks += ended - started;
            meter.FirstStripeStarted = meter.StripeCalls == 1 ? started : Math.Min(meter.FirstStripeStarted, started);
            meter.LastStripeEnded = Math.Max(meter.LastStripeEnded, ended);
            meter.Requests.Add(what);
        }
    }

    public void AddOutside(string what) => outside.Enqueue(what);

    public void AddDbCommand(int id, long ticks, bool write)
    {
        var meter = For(id);
        lock (meter)
        {
            meter.DbCommands++;
            meter.DbWrites += write ? 1 : 0;
            meter.DbTicks += ticks;
            if (meter.StripeCalls == 0)
            {
                meter.DbCommandsBeforeStripe++;
                meter.DbTicksBeforeStripe += ticks;
            }
        }
    }

    public void AddQueryCompilation(int id)
    {
        var meter = For(id);
        lock (meter)
        {
            meter.QueryCompilations++;
        }
    }

    public void AddDbCommit(int id, long ticks)
    {
        var meter = For(id);
        lock (meter)
        {
            meter.DbCommits++;
            meter.DbTicks += ticks;
        }
    }

    public void ClearOutside() => outside.Clear();

    public sealed class Meter
    {
        public long ServerTicks => ServerEnded - ServerStarted;

        /// <summary>Stopwatch timestamps at the front of the server pipeline.</summary>
        public long ServerStarted { get; set; }

        public long ServerEnded { get; set; }

        /// <summary>Stopwatch timestamps of the first Stripe request's start and the last one's end.</summary>
        public long FirstStripeStarted { get; set; }

        public long LastStripeEnded { get; set; }

        /// <summary>Server time before the first Stripe request (load, quote, claim, holds, sync build).</summary>
        public long BeforeStripeTicks => StripeCalls == 0 ? 0 : FirstStripeStarted - ServerStarted;

        /// <summary>Server time after the last Stripe request (apply, save, audit, reload, view, JSON).</summary>
        public long AfterStripeTicks => StripeCalls == 0 ? 0 : ServerEnded - LastStripeEnded;

        public int StripeCalls { get; set; }

        public long StripeTicks { get; set; }

        public List<string> Requests { get; } = [];

        /// <summary>EF commands run while the action was handled (SELECTs and writes), and explicit commits.</summary>
        public int DbCommands { get; set; }

        public int DbWrites { get; set; }

        public int DbCommits { get; set; }

        /// <summary>The share of <see cref="DbCommands"/> and <see cref="DbTicks"/> run before the first Stripe request.</summary>
        public int DbCommandsBeforeStripe { get; set; }

        public long DbTicksBeforeStripe { get; set; }

        /// <summary>LINQ queries EF had to compile (a miss in its query cache) while the action was handled.</summary>
        public int QueryCompilations { get; set; }

        /// <summary>Time EF reports for those commands (execute, not row reading) and commits.</summary>
        public long DbTicks { get; set; }
    }
}
