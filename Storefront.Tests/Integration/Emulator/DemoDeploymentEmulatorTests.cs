using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.StripeEmulator;
using Storefront.Tests.Integration.Checkouts;
using Storefront.Tests.Support;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Integration.Emulator;

/// <summary>
/// A demo deployment (Production, Stripe:AllowEmulatorInProduction=true): the embedded emulator answers only the shop's
/// own random key, hides its control endpoints and dashboard from shoppers, and checkout still works.
/// </summary>
public sealed class DemoDeploymentEmulatorTests : IDisposable
{
    private readonly StorefrontAppFactory factory = new();
    private readonly WebApplicationFactory<Program> app;

    public DemoDeploymentEmulatorTests()
    {
        app = factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Stripe:AllowEmulatorInProduction", "true");
        });
    }

    private StripeEmulatorState Emulator => app.Services.GetRequiredService<StripeEmulatorState>();

    public void Dispose()
    {
        app.Dispose();
        factory.Dispose();
    }

    [Fact]
    public async Task TheKey_IsRandom_AndTheDevelopmentKey_IsRefused()
    {
        var key = app.Services.GetRequiredService<IOptions<StripeOptions>>().Value.EmulatorApiKey;
        Assert.NotNull(key);
        Assert.StartsWith("sk_test_", key, StringComparison.Ordinal);
        Assert.NotEqual(StripeOptions.DevelopmentEmulatorApiKey, key);

        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var guess in new[] { StripeOptions.DevelopmentEmulatorApiKey, "sk_test_anything", "rk_test_x" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/_stripe/v1/checkout/sessions");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", guess);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        }

        using var own = new HttpRequestMessage(HttpMethod.Get, "/_stripe/v1/checkout/sessions");
        own.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_CannotSeeTheDashboard_NorDriveTheEmulator()
    {
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var dashboard = await http.GetAsync("/_stripe/");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", dashboard.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        foreach (var path in new[] { "/_stripe/_emulator/reset", "/_stripe/_emulator/faults", "/_stripe/_emulator/time/advance" })
        {
            var r = await http.PostAsync(path, new FormUrlEncodedContent([new("kind", "500"), new("seconds", "99999")]));
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }

        Assert.Empty(Emulator.Faults);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/_stripe/_emulator/webhooks/deliveries")).StatusCode);
    }

    [Fact]
    public async Task A_Shopper_StillChecksOut_WithTheShopsOwnKey()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(factory, shopper, ("pour-over-dripper", 1, null));
        Assert.NotNull(Emulator.GetSessionJson(sessionId));
    }
}
