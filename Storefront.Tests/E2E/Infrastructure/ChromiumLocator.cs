namespace Storefront.Tests.E2E.Infrastructure;

/// <summary>
/// Finds the Chromium the tests drive. Playwright's own browser download is not reachable from this environment, so
/// the Debian package is used (`apt-get install chromium`, which `npm test` does when it is missing).
/// </summary>
internal static class ChromiumLocator
{
    /// <summary>Set to a Chromium executable to override the search (for example a Playwright-managed build).</summary>
    public const string OverrideVariable = "STOREFRONT_CHROMIUM";

    // /usr/lib/chromium/chromium is the binary itself; /usr/bin/chromium is Debian's wrapper script around it.
    private static readonly string[] KnownLocations = ["/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"];

    /// <summary>The executable to launch, or null to let Playwright use the browser it installed itself.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{OverrideVariable} points to '{configured}', which does not exist.");
        }

        return KnownLocations.FirstOrDefault(File.Exists);
    }

    public static string MissingMessage(Exception? cause) =>
        "E2E tests need Chromium and none could be launched. " +
        $"Looked for {string.Join(", ", KnownLocations)} (or ${OverrideVariable}) and then for a Playwright-installed Chromium. " +
        "Install it with `apt-get install -y chromium` (as root), or run `npm test`, which installs it before testing." +
        (cause is null ? "" : $" Launch error: {cause.Message}");
}
