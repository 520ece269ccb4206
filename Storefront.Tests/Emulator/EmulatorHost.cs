using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storefront.StripeEmulator;

namespace Storefront.Tests.Emulator;

/// <summary>A wall clock that only moves when a test moves it (timers and timestamps stay real).</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }
}

/// <summary>One webhook POST the test host received.</summary>
public sealed record ReceivedWebhook(string Signature, string Body, JsonObject Event, int AnsweredStatus);

/// <summary>
/// The emulator in a real Kestrel host on a free loopback port, with a fake clock and a webhook receiver at
/// <c>/hooks/a</c>. The receiver answers 500 to the first <c>metadata[fail_times]</c> attempts of an event whose
/// data.object carries that metadata, then 200.
/// </summary>
public abstract class EmulatorHost : IAsyncLifetime
{
    public const string SecretKey = "sk_test_emulator_tests_123";

    /// <summary>A second accepted key (another "account"): idempotency keys are scoped per secret key.</summary>
    public const string OtherAccountKey = "sk_test_another_account";
    public const string WebhookSecret = "whsec_test_emulator_0123456789abcdef";
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly string _prefix;
    private WebApplication? _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    protected EmulatorHost(string prefix) => _prefix = prefix;

    public FakeTimeProvider Clock { get; } = new(Start);
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public string Origin { get; private set; } = "";
    public StripeEmulatorState State => _app!.Services.GetRequiredService<StripeEmulatorState>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = EnvironmentName });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddStripeEmulator(o =>
        {
            o.ApiKeys = [SecretKey, OtherAccountKey];
            o.WebhookRetrySchedule = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)];
            o.ExpirySweepInterval = TimeSpan.FromMilliseconds(50);
            ConfigureEmulator(o);
        });
        ConfigureHostServices(builder.Services);
        _app = builder.Build();
        _app.UseStripeEmulator(_prefix);
        ConfigureHostPipeline(_app);
        _app.MapGet("/host-page", () => "host page");
        _app.MapPost("/hooks/a", [AllowAnonymous] async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            var ev = JsonNode.Parse(body)!.AsObject();
            var failTimes = int.TryParse((string?)ev["data"]?["object"]?["metadata"]?["fail_times"], out var n) ? n : 0;
            var attempt = _attempts.AddOrUpdate((string)ev["id"]!, 1, (_, a) => a + 1);
            var status = attempt <= failTimes ? 500 : 200;
            Received.Enqueue(new ReceivedWebhook(ctx.Request.Headers["Stripe-Signature"].ToString(), body, ev, status));
            return Results.StatusCode(status);
        });
        await _app.StartAsync();
        Origin = _app.Urls.First().TrimEnd('/');
        State.Options.WebhookEndpoints.Add(new WebhookEndpoint(Origin + "/hooks/a", WebhookSecret));
        Http = NewClient(SecretKey);
    }

    /// <summary>The loopback port (0: any free one).</summary>
    protected virtual int Port => 0;

    /// <summary>The host's environment: Development unless a fixture tests what a deployment exposes.</summary>
    protected virtual string EnvironmentName => "Development";

    /// <summary>Lets a fixture change the emulator's options (persistence, control access…).</summary>
    protected virtual void ConfigureEmulator(StripeEmulatorOptions options) { }

    /// <summary>Lets a fixture give the host its own services (auth, antiforgery…).</summary>
    protected virtual void ConfigureHostServices(IServiceCollection services) { }

    /// <summary>Lets a fixture add the host's own middleware after the emulator is mounted.</summary>
    protected virtual void ConfigureHostPipeline(WebApplication app) { }

    public HttpClient NewClient(string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri(Origin + _prefix + "/") };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Emulator at the root, as in standalone mode.</summary>
public sealed class RootEmulator() : EmulatorHost("");

/// <summary>
/// Emulator mounted at /_stripe inside a host that requires an authenticated user for everything (fallback policy)
/// and validates antiforgery tokens — the emulator must work regardless and leave the host's rules intact.
/// </summary>
public sealed class MountedEmulator() : EmulatorHost("/_stripe")
{
    protected override void ConfigureHostServices(IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery();
    }

    protected override void ConfigureHostPipeline(WebApplication app)
    {
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }
}
