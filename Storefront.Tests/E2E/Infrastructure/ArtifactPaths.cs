namespace Storefront.Tests.E2E.Infrastructure;

/// <summary>Where failure screenshots and traces go: test-artifacts/e2e at the repository root.</summary>
internal static class ArtifactPaths
{
    /// <summary>Overrides the artifacts root (the folder that receives e2e/).</summary>
    public const string OverrideVariable = "STOREFRONT_TEST_ARTIFACTS";

    public static string E2EDirectory { get; } = Path.Combine(Root(), "e2e");

    public static string For(string testName, string extension)
    {
        var safe = string.Concat(testName.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == ' ' ? '_' : c));
        return Path.Combine(E2EDirectory, safe + extension);
    }

    private static string Root()
    {
        var configured = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Storefront.sln")))
            {
                return Path.Combine(directory.FullName, "test-artifacts");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "test-artifacts");
    }
}
