using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Web.Stripe;

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
        Assert.Equal(new Uri("https://api.stripe.com/"), provider.GetRequiredService<IStripeBaseAddressProvider>().GetBaseAddress());
    }

    [Fact]
    public void ApiBase_WinsOverEverything()
    {
        using var provider = Build(("Stripe:ApiBase", "http://localhost:7000/"), ("Stripe:MaxNetworkRetries", "4"), ("Stripe:Timeout", "00:00:30"));

        Assert.Equal(new Uri("http://localhost:7000/"), provider.GetRequiredService<IStripeBaseAddressProvider>().GetBaseAddress());
        Assert.Equal(4, provider.GetRequiredService<StripeRetryPolicy>().MaxNetworkRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), provider.GetRequiredService<IOptions<StripeOptions>>().Value.Timeout);
    }

    [Fact]
    public void EmulatorMode_UsesTheHostAddressPlusTheMountPrefix_OnceTheHostIsKnown()
    {
        using var provider = Build();
        var baseAddress = provider.GetRequiredService<IStripeBaseAddressProvider>();

        Assert.Throws<InvalidOperationException>(() => baseAddress.GetBaseAddress());

        provider.GetRequiredService<StripeBaseAddressProvider>().SetHostAddress(new Uri("http://127.0.0.1:5000/"));

        Assert.Equal(new Uri("http://127.0.0.1:5000/_stripe"), baseAddress.GetBaseAddress());
        Assert.Equal(2, provider.GetRequiredService<StripeRetryPolicy>().MaxNetworkRetries);
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
    public void Defaults_MatchTheOfficialSdks()
    {
        var options = new StripeOptions();

        Assert.Equal(2, options.MaxNetworkRetries);
        Assert.Equal(TimeSpan.FromSeconds(80), options.Timeout);
        Assert.Equal("2025-03-31.basil; checkout_server_update_beta=v1", options.ApiVersion);
    }
}

public sealed class StripeGatewayHttpClientFactoryTests
{
    [Fact]
    public async Task TheNamedClient_CanBeRoutedToAnInMemoryHandler_ForIntegrationTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Stripe:ApiBase", "http://localhost/_stripe")])
            .Build();
        var handler = new FakeStripeHandler().RespondOk();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStripeGateway(configuration);
        services.AddHttpClient(StripeHttpTransport.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        var session = await provider.GetRequiredService<IStripeGateway>().ExpireCheckoutSessionAsync("cs_test_1");

        Assert.Equal("cs_test_1", session.Id);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://localhost/_stripe/v1/checkout/sessions/cs_test_1/expire", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + StripeOptions.DevelopmentEmulatorApiKey, request.Header("Authorization"));
    }
}
