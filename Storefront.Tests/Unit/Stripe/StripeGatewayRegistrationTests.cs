using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Web.Stripe;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Tests.Unit.Stripe;

public sealed class StripeGatewayRegistrationTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStripeGateway(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void WithKeys_TalksToStripe()
    {
        using var provider = Build(("Stripe:SecretKey", "sk_test_1"), ("Stripe:PublishableKey", "pk_test_1"));

        Assert.NotNull(provider.GetRequiredService<IStripeGateway>());
        Assert.Equal("https://api.stripe.com", provider.GetRequiredService<IStripeClient>().ApiBase);
        Assert.Equal(new Uri("https://api.stripe.com/"), provider.GetRequiredService<IStripeBaseAddressProvider>().GetBaseAddress());
    }

    [Fact]
    public void ApiBase_WinsOverEverything()
    {
        using var provider = Build(("Stripe:ApiBase", "http://localhost:7000/"), ("Stripe:MaxNetworkRetries", "4"), ("Stripe:Timeout", "00:00:30"));

        Assert.Equal("http://localhost:7000", provider.GetRequiredService<IStripeClient>().ApiBase);
        Assert.Equal(TimeSpan.FromSeconds(30), provider.GetRequiredService<IOptions<StripeOptions>>().Value.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), provider.GetRequiredService<IHttpClientFactory>().CreateClient(StripeServiceCollectionExtensions.HttpClientName).Timeout);
    }

    [Fact]
    public void EmulatorMode_UsesTheHostAddressPlusTheMountPrefix_OnceTheHostIsKnown()
    {
        using var provider = Build();
        var baseAddress = provider.GetRequiredService<IStripeBaseAddressProvider>();

        Assert.Throws<InvalidOperationException>(() => baseAddress.GetBaseAddress());

        provider.GetRequiredService<StripeBaseAddressProvider>().SetHostAddress(new Uri("http://127.0.0.1:5000/"));

        Assert.Equal(new Uri("http://127.0.0.1:5000/_stripe"), baseAddress.GetBaseAddress());
        var client = provider.GetRequiredService<IStripeClient>();
        Assert.Equal("http://127.0.0.1:5000/_stripe", client.ApiBase);
        Assert.Equal("http://127.0.0.1:5000/_stripe", client.FilesBase);
        Assert.Equal("http://127.0.0.1:5000/_stripe", client.ConnectBase);
    }

    [Fact]
    public void InvalidSettings_FailValidation()
    {
        using var provider = Build(("Stripe:SecretKey", "sk_test_1"), ("Stripe:MaxNetworkRetries", "-1"));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StripeOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("PublishableKey", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("MaxNetworkRetries", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOldApiVersionSetting_IsRefusedWithAClearMessage()
    {
        using var provider = Build(("Stripe:ApiVersion", "2025-03-31.basil; checkout_server_update_beta=v1"));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StripeOptions>>().Value);

        var failure = Assert.Single(ex.Failures);
        Assert.Contains("Stripe:ApiVersion is no longer a setting", failure, StringComparison.Ordinal);
        Assert.Contains("2026-10-28.endive", failure, StringComparison.Ordinal);
        Assert.Contains("Stripe:DiscountUpdates", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreTheSdksVersionAndLinePrices()
    {
        var options = new StripeOptions();

        Assert.Equal(2, options.MaxNetworkRetries);
        Assert.Equal(TimeSpan.FromSeconds(80), options.Timeout);
        Assert.Equal("2026-10-28.endive", StripeOptions.PinnedApiVersion);
        Assert.Equal(StripeConfiguration.ApiVersion, StripeOptions.PinnedApiVersion);
        Assert.Equal(DiscountUpdateMode.LinePrices, options.DiscountUpdates);
        Assert.Null(options.ApiVersion);
    }

    [Theory]
    [InlineData("Preview", DiscountUpdateMode.Preview)]
    [InlineData("LinePrices", DiscountUpdateMode.LinePrices)]
    public void DiscountUpdates_Binds(string setting, DiscountUpdateMode expected)
    {
        using var provider = Build(("Stripe:DiscountUpdates", setting));

        Assert.Equal(expected, provider.GetRequiredService<IOptions<StripeOptions>>().Value.DiscountUpdates);
        Assert.Equal(expected, provider.GetRequiredService<PreviewAccess>().Current);
    }
}

/// <summary>Stripe.net over the factory's named client: headers as sent on the wire, after the shop's handlers.</summary>
public sealed class StripeGatewayHttpClientFactoryTests
{
    private sealed class Recorder : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Seen { get; } = [];

        public Func<HttpStatusCode, string>? Reply { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add((request, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"id":"cs_test_1","object":"checkout.session","status":"open"}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("Request-Id", "req_123");
            return response;
        }
    }

    private sealed class Logs : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception));
        }

        public void Dispose()
        {
        }
    }

    private static (ServiceProvider Provider, Recorder Handler, Logs Logs) Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Stripe:ApiBase", "http://localhost/_stripe")])
            .Build();
        var handler = new Recorder();
        var logs = new Logs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddStripeGateway(configuration);
        services.AddHttpClient(StripeServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        return (services.BuildServiceProvider(), handler, logs);
    }

    [Fact]
    public async Task TheNamedClient_CanBeRoutedToAnInMemoryHandler_AndSendsThePinnedVersion()
    {
        var (provider, handler, _) = Build();
        await using var _p = provider;

        var session = await provider.GetRequiredService<IStripeGateway>().ExpireCheckoutSessionAsync("cs_test_1", "checkout-1-expire");

        Assert.Equal("cs_test_1", session.Id);
        var (request, _) = Assert.Single(handler.Seen);
        Assert.Equal("http://localhost/_stripe/v1/checkout/sessions/cs_test_1/expire", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer " + StripeOptions.DevelopmentEmulatorApiKey, request.Headers.Authorization!.ToString());
        Assert.Equal("2026-10-28.endive", Assert.Single(request.Headers.GetValues("Stripe-Version")));
        Assert.Equal("checkout-1-expire", Assert.Single(request.Headers.GetValues("Idempotency-Key")));
    }

    [Fact]
    public async Task OnlyPreviewRequests_CarryTheBetaFlag()
    {
        var (provider, handler, _) = Build();
        await using var _p = provider;
        var gateway = provider.GetRequiredService<IStripeGateway>();

        await gateway.UpdateCheckoutSessionAsync("cs_test_1", new SessionUpdateOptions(), "k1", preview: true);
        await gateway.UpdateCheckoutSessionAsync("cs_test_1", new SessionUpdateOptions(), "k2", preview: false);
        await gateway.GetCheckoutSessionAsync("cs_test_1");

        Assert.Equal(
            ["2026-10-28.endive; checkout_server_update_beta=v1", "2026-10-28.endive", "2026-10-28.endive"],
            handler.Seen.Select(s => string.Join(",", s.Request.Headers.GetValues("Stripe-Version"))).ToArray());
    }

    [Fact]
    public async Task RequestLogs_NameTheCall_ButNeverTheKeyOrTheBody()
    {
        var (provider, _, logs) = Build();
        await using var _p = provider;
        var options = new SessionUpdateOptions { Metadata = new Dictionary<string, string> { ["secret_note"] = "card 4242" } };

        await provider.GetRequiredService<IStripeGateway>().UpdateCheckoutSessionAsync("cs_test_1", options, "checkout-9-v2");

        var line = Assert.Single(logs.Lines, l => l.StartsWith("Stripe POST", StringComparison.Ordinal));
        Assert.Contains("/_stripe/v1/checkout/sessions/cs_test_1 -> 200", line, StringComparison.Ordinal);
        Assert.Contains("req_123", line, StringComparison.Ordinal);
        Assert.Contains("checkout-9-v2", line, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(StripeOptions.DevelopmentEmulatorApiKey, StringComparison.Ordinal) || l.Contains("4242", StringComparison.Ordinal));
    }
}
