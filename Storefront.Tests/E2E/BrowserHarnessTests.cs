using Microsoft.Playwright;
using Storefront.Tests.E2E.Infrastructure;
using Storefront.Tests.E2E.Pages;
using Xunit.Abstractions;

namespace Storefront.Tests.E2E;

/// <summary>The guarantees the browser harness itself makes: loopback only, evidence left behind on failure.</summary>
[Collection(E2ECollection.Name)]
public sealed class BrowserHarnessTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task RequestsToNonLoopbackHosts_AreBlocked_WhileTheShopLoadsWithoutAny() => RunAsync(async page =>
    {
        var catalog = await new CatalogPage(page).OpenAsync();
        await Microsoft.Playwright.Assertions.Expect(catalog.Heading).ToHaveTextAsync("Catalog");
        Assert.Empty(BlockedRequests);

        var external = await Assert.ThrowsAsync<PlaywrightException>(() => page.GotoAsync("https://example.com/"));

        Assert.Contains("ERR_BLOCKED_BY_CLIENT", external.Message, StringComparison.Ordinal);
        Assert.Equal(["https://example.com/"], BlockedRequests);
    });

    [Fact]
    public async Task AFailingTest_LeavesAScreenshotAndATraceUnderTestArtifacts()
    {
        const string testName = nameof(AFailingTest_LeavesAScreenshotAndATraceUnderTestArtifacts);
        var screenshot = ArtifactPaths.For($"{nameof(BrowserHarnessTests)}.{testName}", ".png");
        var trace = ArtifactPaths.For($"{nameof(BrowserHarnessTests)}.{testName}", ".zip");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(async page =>
        {
            await new CatalogPage(page).OpenAsync();
            throw new InvalidOperationException("deliberate failure");
        }, testName));

        try
        {
            Assert.Equal("deliberate failure", failure.Message);
            Assert.True(new FileInfo(screenshot).Length > 0, $"expected a screenshot at {screenshot}");
            Assert.True(new FileInfo(trace).Length > 0, $"expected a trace at {trace}");
        }
        finally
        {
            // The run passed; leave no failure evidence behind for a reader of test-artifacts/ to trip over.
            File.Delete(screenshot);
            File.Delete(trace);
        }
    }
}
