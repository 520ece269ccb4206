using Microsoft.Playwright;
using Storefront.Tests.Support;

namespace Storefront.Tests.E2E.Infrastructure;

/// <summary>
/// One headless Chromium and one Storefront instance on a real loopback port (its own temporary database), shared by
/// the tests of one collection. Tests get isolation from a fresh browser context each (own cookies, so own visitor
/// cart), not from a fresh app, which keeps the run fast.
/// </summary>
public abstract class BrowserAppFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // Second line of defence behind the per-context route: names other than loopback do not resolve at all.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    protected BrowserAppFixture()
    {
        App = CreateApp();
    }

    public StorefrontAppFactory App { get; }

    /// <summary>The app under test; a fixture overrides this to run the app with other settings.</summary>
    protected virtual StorefrontAppFactory CreateApp() => new KestrelStorefrontAppFactory();

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser fixture is not initialised.");

    /// <summary>Root URL of the app under test, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl => App.BaseUrl;

    public async Task InitializeAsync()
    {
        _ = App.BaseUrl; // start Kestrel (migrates and seeds the temporary database)
        playwright = await Playwright.CreateAsync();

        var executable = ChromiumLocator.Find();
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException(ChromiumLocator.MissingMessage(ex), ex);
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The app and browser of the "e2e" collection (shoppers; the seeded data is only read or bought from).</summary>
public sealed class E2EFixture : BrowserAppFixture;

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "e2e";
}
