using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Unit.Stripe;

public sealed class StripeBaseAddressProviderTests
{
    [Theory]
    [InlineData("http://[::]:5123", "http://127.0.0.1:5123/_stripe")]
    [InlineData("http://+:5123", "http://127.0.0.1:5123/_stripe")]
    [InlineData("http://localhost:5123", "http://localhost:5123/_stripe")]
    public void EmulatorMode_WithoutAnExplicitHost_UsesTheAddressKestrelListensOn(string listening, string expected)
    {
        var services = new ServiceCollection().AddSingleton<IServer>(new FakeServer(listening, "https://localhost:5124")).BuildServiceProvider();
        var provider = new StripeBaseAddressProvider(Options.Create(new StripeOptions()), services);

        Assert.Equal(new Uri(expected), provider.GetBaseAddress());
    }

    [Fact]
    public void ExplicitHostAddress_WinsOverTheServer_AndTheCustomPrefixIsUsed()
    {
        var services = new ServiceCollection().AddSingleton<IServer>(new FakeServer("http://[::]:5123")).BuildServiceProvider();
        var provider = new StripeBaseAddressProvider(Options.Create(new StripeOptions { EmulatorPathPrefix = "/emu/" }), services);

        provider.SetHostAddress(new Uri("http://shop.test:8080/ignored/path"));

        Assert.Equal(new Uri("http://shop.test:8080/emu"), provider.GetBaseAddress());
    }

    private sealed class FakeServer : IServer
    {
        public FakeServer(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
