using System.Diagnostics;

namespace Storefront.Tests.Support;

/// <summary>
/// Runs the repository's own TypeScript compiler (<c>node_modules/.bin/tsc</c>, installed by <c>npm ci</c> from
/// package-lock.json) to type-check browser code against Stripe.js's published types. Nothing is emitted.
/// </summary>
public static class TypeScriptCompiler
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The repository root: the first folder above the test binaries holding package.json and tsconfig.json.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Tsc => Path.Combine(RepositoryRoot, "node_modules", ".bin", "tsc");

    /// <summary>Absolute import specifier of the Stripe.js types, usable from a file outside the repository.</summary>
    public static string StripeJsTypes => Path.Combine(RepositoryRoot, "node_modules", "@stripe", "stripe-js").Replace('\\', '/');

    /// <summary>Type-checks the project as tsconfig.json describes it (checkout.js with the Stripe.js types).</summary>
    public static Task<TscResult> CheckProjectAsync() => RunAsync(["-p", Path.Combine(RepositoryRoot, "tsconfig.json")]);

    /// <summary>Type-checks one TypeScript source (strict, ES2022 + DOM) written to a temporary file.</summary>
    public static async Task<TscResult> CheckSourceAsync(string source)
    {
        var folder = Directory.CreateTempSubdirectory("storefront-tsc-");
        try
        {
            var file = Path.Combine(folder.FullName, "check.ts");
            await File.WriteAllTextAsync(file, source);
            return await RunAsync(["--noEmit", "--strict", "--target", "ES2022", "--module", "ES2022", "--moduleResolution", "bundler",
                "--lib", "ES2022,DOM", "--skipLibCheck", "--pretty", "false", file]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<TscResult> RunAsync(IReadOnlyList<string> arguments)
    {
        if (!File.Exists(Tsc))
        {
            throw new InvalidOperationException($"TypeScript is not installed at {Tsc}: run `npm ci` in {RepositoryRoot} (npm test does).");
        }

        var start = new ProcessStartInfo(Tsc)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tsc did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tsc did not finish within {Timeout.TotalSeconds} s.");
        }

        return new TscResult(process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "tsconfig.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds package.json and tsconfig.json.");
    }
}

/// <summary>tsc's exit code and its diagnostics (empty when the code type-checks).</summary>
public sealed record TscResult(int ExitCode, string Output)
{
    public bool Passed => ExitCode == 0;
}
