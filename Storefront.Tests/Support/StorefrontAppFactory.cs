using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Storefront.StripeEmulator;
using Storefront.Web.Checkout;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Support;

/// <summary>
/// The whole app on its own temporary SQLite file and key ring, in the Development environment (seeded demo users),
/// with the embedded Stripe emulator reached in memory: the Stripe client's and the emulator's webhook HttpClients
/// are routed through the TestServer, so a checkout, its payment and the webhook all run without a socket.
/// </summary>
public class StorefrontAppFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "storefront-tests", Guid.NewGuid().ToString("N"));
    private readonly bool useKestrel;
    private readonly Lock startLock = new();
    private Uri? baseUrl;

    public StorefrontAppFactory()
        : this(useKestrel: false)
    {
    }

    /// <param name="useKestrel">Listen on a free 127.0.0.1 port (for a browser) instead of the in-memory TestServer.</param>
    protected StorefrontAppFactory(bool useKestrel)
    {
        this.useKestrel = useKestrel;
        if (useKestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>Root URL: http://127.0.0.1:port/ in Kestrel mode (started on first use), http://localhost/ in memory.</summary>
    public Uri BaseUrl
    {
        get
        {
            lock (startLock)
            {
                if (baseUrl is not null)
                {
                    return baseUrl;
                }

                if (!useKestrel)
                {
                    _ = Services;
                    return baseUrl = ClientOptions.BaseAddress;
                }

                StartServer();
                var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                              ?? throw new InvalidOperationException("Kestrel started but reported no address.");
                return baseUrl = new Uri(address.TrimEnd('/') + "/");
            }
        }
    }

    public string DatabasePath => Path.Combine(directory, "storefront.db");

    /// <summary>Mail the app wrote (the Development pickup transport, one folder per app).</summary>
    public Mailbox Mail => new(Path.Combine(directory, "mail"));

    public StripeEmulatorState Emulator => Services.GetRequiredService<StripeEmulatorState>();

    /// <summary>Stripe:DiscountUpdates for this app (null: the default, LinePrices).</summary>
    protected virtual string? DiscountUpdates => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseEnvironment("Development");

        // UseSetting lands in configuration before Program registers services (unlike ConfigureAppConfiguration).
        builder.UseSetting("ConnectionStrings:Storefront", $"Data Source={DatabasePath}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(directory, "keys"));
        builder.UseSetting("Checkout:UpdatesPerMinute", "6000");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(directory, "mail"));
        if (DiscountUpdates is { } mode)
        {
            builder.UseSetting("Stripe:DiscountUpdates", mode);
        }
        builder.UseSetting("Stripe:EmulatorDataDirectory", ":memory:");
        if (useKestrel)
        {
            // A real port: the app reaches its mounted emulator, and the emulator its webhook, over loopback HTTP.
            builder.ConfigureServices(ConfigureTestServices);
            return;
        }

        builder.UseSetting("Stripe:ApiBase", "http://localhost/_stripe");
        builder.UseSetting("Stripe:MaxNetworkRetries", "0");
        builder.ConfigureServices(services =>
        {
            ConfigureTestServices(services);
            services.AddHttpClient(StripeServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(InMemory);
            services.AddHttpClient(StripeEmulatorOptions.WebhookHttpClientName).ConfigurePrimaryHttpMessageHandler(InMemory);
            services.PostConfigure<StripeEmulatorOptions>(options =>
            {
                options.WebhookEndpoints.Add(new WebhookEndpoint("http://localhost" + StripeWebhookEndpoint.Path, new CheckoutOptions().EmulatorWebhookSecret));
                options.WebhookRetrySchedule = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)];
            });
        });
    }

    /// <summary>Extra registrations for a derived factory (a fake clock, say).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
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
}

/// <summary>The app on a real loopback port, for browser tests: <c>new KestrelStorefrontAppFactory().BaseUrl</c>.</summary>
public sealed class KestrelStorefrontAppFactory() : StorefrontAppFactory(useKestrel: true);
