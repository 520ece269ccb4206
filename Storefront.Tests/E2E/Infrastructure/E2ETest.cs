using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Storefront.Tests.E2E.Infrastructure;

/// <summary>
/// Base class for browser tests. Wrap each test body in <see cref="RunAsync"/>: it opens a fresh browser context
/// that can reach nothing but loopback, records a trace, and on failure saves
/// test-artifacts/e2e/&lt;Class&gt;.&lt;Test&gt;.png and .zip (the Playwright trace) before rethrowing.
/// </summary>
public abstract class E2ETest<TFixture>(TFixture fixture, ITestOutputHelper output)
    where TFixture : BrowserAppFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>URLs the network guard refused during the current test.</summary>
    protected IReadOnlyCollection<string> BlockedRequests => blocked;

    private readonly ConcurrentQueue<string> blocked = new();
    private readonly List<string> allowedConsoleErrors = [];

    /// <summary>
    /// Lets the current test pass despite a console error containing <paramref name="text"/>: for journeys where the
    /// browser itself logs an expected refusal (Chromium logs every 4xx response, e.g. a declined card's 402).
    /// </summary>
    protected void AllowConsoleError(string text) => allowedConsoleErrors.Add(text);

    protected async Task RunAsync(Func<IPage, Task> test, [CallerMemberName] string testName = "")
    {
        var name = $"{GetType().Name}.{testName}";
        await using var context = await NewContextAsync();
        await context.Tracing.StartAsync(new TracingStartOptions { Title = name, Screenshots = true, Snapshots = true, Sources = false });

        var page = await context.NewPageAsync();
        var browserErrors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Output.WriteLine($"[browser {message.Type}] {message.Text}");
            }

            if (message.Type == "error" && !allowedConsoleErrors.Any(allowed => message.Text.Contains(allowed, StringComparison.Ordinal)))
            {
                browserErrors.Enqueue($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) =>
        {
            Output.WriteLine($"[page error] {error}");
            browserErrors.Enqueue($"uncaught page error: {error}");
        };

        try
        {
            await test(page);
            // A journey that "works" while the page throws or logs errors is broken for some shopper: fail it.
            Assert.True(browserErrors.IsEmpty, "The page reported errors:\n" + string.Join("\n", browserErrors));
        }
        catch (Exception failure)
        {
            await SaveArtifactsAsync(context, page, name, failure);
            throw;
        }

        await context.Tracing.StopAsync(); // passed: discard the trace
    }

    /// <summary>
    /// A fresh context with the same settings and network guard as the test's own: for a second actor (an admin next
    /// to a shopper, say) within one test. The caller disposes it.
    /// </summary>
    protected async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.BaseUrl.ToString(),
            Locale = "en-US",
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        await context.RouteAsync("**/*", GuardNetworkAsync);
        return context;
    }

    private async Task GuardNetworkAsync(IRoute route)
    {
        var url = route.Request.Url;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Scheme is "data" or "blob" or "about"))
        {
            await route.ContinueAsync();
            return;
        }

        blocked.Enqueue(url);
        Output.WriteLine($"[network guard] blocked {route.Request.Method} {url}");
        await route.AbortAsync("blockedbyclient");
    }

    private async Task SaveArtifactsAsync(IBrowserContext context, IPage page, string name, Exception failure)
    {
        Directory.CreateDirectory(ArtifactPaths.E2EDirectory);
        var screenshot = ArtifactPaths.For(name, ".png");
        var trace = ArtifactPaths.For(name, ".zip");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true, Timeout = 10_000 });
            Output.WriteLine($"Screenshot: {screenshot}");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            Output.WriteLine($"Could not save a screenshot: {ex.Message}");
        }

        try
        {
            await context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
            Output.WriteLine($"Trace: {trace} (open it in the Playwright trace viewer)");
        }
        catch (PlaywrightException ex)
        {
            Output.WriteLine($"Could not save the trace: {ex.Message}");
        }

        Output.WriteLine($"Failed at {page.Url}: {failure.GetType().Name}");
    }
}

/// <summary>Browser tests on the shared "e2e" app.</summary>
[Collection(E2ECollection.Name)]
public abstract class E2ETest(E2EFixture fixture, ITestOutputHelper output) : E2ETest<E2EFixture>(fixture, output);
