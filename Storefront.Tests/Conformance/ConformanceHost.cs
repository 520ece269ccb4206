using System.Collections.Concurrent;
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
using WebhookEndpoint = Storefront.StripeEmulator.WebhookEndpoint;

namespace Storefront.Tests.Conformance;

/// <summary>
/// What the emulator's host saw for one Stripe API request (recorded by a middleware in front of the emulator).
/// <c>Aborted</c>: the emulator dropped the connection (no response started).
/// </summary>
public sealed record SeenRequest(string Method, string Path, string? IdempotencyKey, int Status, bool Replayed, string? RequestId, bool Aborted);

/// <summary>One webhook POST received by the conformance host.</summary>
public sealed record ConformanceWebhook(string Signature, byte[] Body);

/// <summary>
/// The emulator mounted at <c>/_stripe</c> in a real Kestrel host on a free loopback port (real clock, so webhook
/// timestamps verify), a request log in front of it, and a webhook receiver at <c>/hooks/conformance</c>.
/// Clients are real Stripe.net clients from containers built with <c>AddStripeGateway</c> and pointed at it.
/// </summary>
public sealed class ConformanceHost : IAsyncLifetime
{
    public const string WebhookSecret = "whsec_conformance_0123456789abcdef";
    public const string Prefix = "/_stripe";

    private WebApplication? _app;
    private readonly List<ServiceProvider> _providers = [];

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();
    public ConcurrentQueue<ConformanceWebhook> Webhooks { get; } = new();
    public string Origin { get; private set; } = "";
    public string ApiBase => Origin + Prefix;
    public StripeEmulatorState State => _app!.Services.GetRequiredService<StripeEmulatorState>();

    /// <summary>Default client: emulator mode (no keys → sk_test_emulator), MaxNetworkRetries 2 (Stripe.net's own retries).</summary>
    public IStripeClient Client { get; private set; } = null!;

    /// <summary>The shop's gateway over <see cref="Client"/>'s container.</summary>
    public IStripeGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddStripeEmulator(o => o.WebhookRetrySchedule = [TimeSpan.FromMilliseconds(50)]);
        _app = builder.Build();
        _app.Use(async (ctx, next) =>
        {
            await next(ctx);
            var path = ctx.Request.Path.Value ?? "";
            if (path.StartsWith(Prefix + "/v1/", StringComparison.Ordinal))
            {
                var key = ctx.Request.Headers["Idempotency-Key"].ToString();
                Seen.Enqueue(new SeenRequest(
                    ctx.Request.Method,
                    path[Prefix.Length..],
                    key.Length == 0 ? null : key,
                    ctx.Response.StatusCode,
                    ctx.Response.Headers["Idempotent-Replayed"].ToString() == "true",
                    ctx.Response.Headers["Request-Id"].ToString(),
                    !ctx.Response.HasStarted));
            }
        });
        _app.UseStripeEmulator(Prefix);
        _app.MapPost("/hooks/conformance", async (HttpContext ctx) =>
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms);
            Webhooks.Enqueue(new ConformanceWebhook(ctx.Request.Headers["Stripe-Signature"].ToString(), ms.ToArray()));
            return Results.Ok();
        });
        await _app.StartAsync();
        Origin = _app.Urls.First().TrimEnd('/');
        State.Options.WebhookEndpoints.Add(new WebhookEndpoint(Origin + "/hooks/conformance", WebhookSecret));

        var provider = BuildProvider();
        Client = provider.GetRequiredService<IStripeClient>();
        Gateway = provider.GetRequiredService<IStripeGateway>();
    }

    /// <summary>A fresh container with <c>AddStripeGateway</c> bound to configuration pointing at the emulator.</summary>
    public ServiceProvider BuildProvider(int maxNetworkRetries = 2, string? secretKey = null, string? publishableKey = null,
        TimeSpan? timeout = null, string discountUpdates = "LinePrices")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Stripe:ApiBase"] = ApiBase,
            ["Stripe:MaxNetworkRetries"] = maxNetworkRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Stripe:SecretKey"] = secretKey,
            ["Stripe:PublishableKey"] = publishableKey,
            ["Stripe:WebhookSecret"] = WebhookSecret,
            ["Stripe:DiscountUpdates"] = discountUpdates,
        };
        // Only set when asked: a null entry would bind as TimeSpan.Zero and fail validation.
        if (timeout is { } t) settings["Stripe:Timeout"] = t.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStripeGateway(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        lock (_providers) _providers.Add(provider);
        return provider;
    }

    /// <summary>Requests seen after <paramref name="mark"/> (a count taken earlier with <see cref="Mark"/>).</summary>
    public IReadOnlyList<SeenRequest> SeenSince(int mark) => Seen.Skip(mark).ToList();

    public int Mark() => Seen.Count;

    public async Task DisposeAsync()
    {
        foreach (var p in _providers) await p.DisposeAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>All conformance classes share one emulator and run one after another (faults are global to the emulator).</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceHost>
{
    public const string Name = "Stripe conformance";
}
