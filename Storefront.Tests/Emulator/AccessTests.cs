using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Storefront.StripeEmulator;

namespace Storefront.Tests.Emulator;

/// <summary>A deployment (Production) host that configured no control policy: control and dashboard do not exist for anyone.</summary>
public sealed class ProductionEmulator() : EmulatorHost("/_stripe")
{
    protected override string EnvironmentName => "Production";
}

/// <summary>
/// A Production host whose "Admin" policy (role Admin, cookie auth) guards the emulator's control endpoints and dashboard.
/// <c>GET /test-login?role=…</c> signs a test user in with that role.
/// </summary>
public sealed class AdminControlledEmulator() : EmulatorHost("/_stripe")
{
    protected override string EnvironmentName => "Production";

    protected override void ConfigureEmulator(StripeEmulatorOptions options) => options.ControlAuthorizationPolicy = "Admin";

    protected override void ConfigureHostServices(IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";

            // As the shop does: a signed-in user without the role gets a real 403, not a redirect.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy("Admin", p => p.RequireRole("Admin"));
    }

    protected override void ConfigureHostPipeline(WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/test-login", async (HttpContext ctx, string role) =>
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "tester"), new Claim(ClaimTypes.Role, role)], CookieAuthenticationDefaults.AuthenticationScheme);
            await ctx.SignInAsync(new ClaimsPrincipal(identity));
            return Results.Ok();
        });
    }
}

public sealed class ApiKeyTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Theory]
    [InlineData("sk_test_somebody_else")]
    [InlineData("sk_test_emulator")]
    [InlineData("rk_test_restricted")]
    [InlineData("sk_test_emulator_tests_1234")]
    public async Task AnyOtherSecretKey_Is401_AndSeesNoSessions(string key)
    {
        var price = await host.Http.NewPrice(100);
        await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)).Add("customer_email", "private@example.test"));

        using var stranger = host.NewClient(key);
        var r = await stranger.Get("v1/checkout/sessions");
        Assert.Equal(HttpStatusCode.Unauthorized, r.Status);
        Assert.StartsWith("Invalid API Key provided: ", r.Error.S("message"));
        Assert.DoesNotContain("private@example.test", r.Json!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.Post("v1/products", new Form(("name", "x")))).Status);
    }

    [Fact]
    public async Task TheConfiguredKeys_AreAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Http.Get("v1/products")).Status);
        using var other = host.NewClient(EmulatorHost.OtherAccountKey);
        Assert.Equal(HttpStatusCode.OK, (await other.Get("v1/products")).Status);
    }
}

public sealed class ProductionControlTests(ProductionEmulator host) : IClassFixture<ProductionEmulator>
{
    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "_emulator/reset")]
    [InlineData("POST", "_emulator/faults")]
    [InlineData("GET", "_emulator/faults")]
    [InlineData("DELETE", "_emulator/faults")]
    [InlineData("GET", "_emulator/webhooks/deliveries")]
    [InlineData("POST", "_emulator/time/advance")]
    public async Task WithoutAPolicy_ControlAndDashboard_AreHiddenFromEveryone_EvenTheKeyHolder(string method, string path)
    {
        var price = await host.Http.NewPrice(100, name: "Secret product");
        var before = host.State.UtcNow;
        var r = await Api.Send(host.Http, new HttpMethod(method), path,
            new Form(("seconds", 86400), ("kind", "500"), ("path", "/v1/*"), ("count", 0)));
        Assert.Equal(HttpStatusCode.NotFound, r.Status);
        Assert.DoesNotContain("Secret product", await r.Message.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing happened: no reset, no fault, no time travel.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.Get($"v1/prices/{price}")).Status);
        Assert.Empty(host.State.Faults);
        Assert.True(host.State.UtcNow - before < TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task TheApiAndStripeJs_StillWork()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Http.Get("v1/products")).Status);
        using var anonymous = host.NewClient(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("js/stripe.js")).StatusCode);
    }
}

public sealed class AdminControlTests(AdminControlledEmulator host) : IClassFixture<AdminControlledEmulator>
{
    private async Task<HttpClient> Browser(string? role)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = new Uri(host.Origin + "/") };
        if (role is not null) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("test-login?role=" + role)).StatusCode);
        return client;
    }

    [Fact]
    public async Task Anonymous_Dashboard_IsAChallenge_AndControl_Is401()
    {
        using var browser = await Browser(null);
        var page = await browser.GetAsync("_stripe/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith(host.Origin + "/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        var reset = await browser.PostAsync("_stripe/_emulator/reset", null);
        Assert.Equal(HttpStatusCode.Unauthorized, reset.StatusCode);
    }

    [Fact]
    public async Task Shopper_Is403_OnDashboardAndControl_AndChangesNothing()
    {
        var price = await host.Http.NewPrice(100);
        using var browser = await Browser("Customer");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("_stripe/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("_stripe/_emulator/reset", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.Get($"v1/prices/{price}")).Status);
    }

    [Fact]
    public async Task Admin_SeesTheDashboard_AndDrivesTheEmulator()
    {
        using var browser = await Browser("Admin");
        var page = await browser.GetAsync("_stripe/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Storefront Stripe emulator", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var fault = await browser.PostAsync("_stripe/_emulator/faults", new StringContent("kind=500&path=/v1/nothing", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, fault.StatusCode);
        Assert.Single(host.State.Faults);
        Assert.Equal(HttpStatusCode.OK, (await browser.DeleteAsync("_stripe/_emulator/faults")).StatusCode);
        Assert.Empty(host.State.Faults);
    }
}

/// <summary>Stripe signs when it sends: moving the emulator's clock must not make its webhooks stale.</summary>
public sealed class SigningClockTests(RootEmulator host) : IClassFixture<RootEmulator>
{
    [Fact]
    public async Task ExpiryEvents_AfterAdvancingTimePastTheTolerance_AreSignedWithTheHostClock()
    {
        var price = await host.Http.NewPrice(100);
        var id = (await host.Http.Create("v1/checkout/sessions", Api.SessionForm((price, 1)))).S("id");
        host.State.AdvanceTime(TimeSpan.FromHours(25));
        try
        {
            await Api.Eventually(() => host.Received.Any(h => h.Event.S("type") == "checkout.session.expired" && h.Event["data"]!["object"].S("id") == id), "expiry webhook");
            var hook = host.Received.First(h => h.Event["data"]!["object"].S("id") == id);
            var t = long.Parse(hook.Signature.Split(',')[0][2..], CultureInfo.InvariantCulture);
            var hostNow = host.Clock.GetUtcNow().ToUnixTimeSeconds();
            Assert.True(Math.Abs(hostNow - t) <= 300, $"t={t} host={hostNow}");
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(EmulatorHost.WebhookSecret), Encoding.UTF8.GetBytes($"{t}.{hook.Body}"));
            Assert.EndsWith("v1=" + Convert.ToHexStringLower(mac), hook.Signature, StringComparison.Ordinal);

            // The event itself carries the emulator's (advanced) time, as Stripe test clocks do.
            Assert.True(hook.Event.L("created") >= hostNow + 24 * 3600);
        }
        finally
        {
            host.State.AdvanceTime(TimeSpan.Zero);
        }
    }
}
