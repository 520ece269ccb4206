using BenchmarkDotNet.Running;

namespace Storefront.Benchmarks;

public static class Program
{
    /// <summary>
    /// dotnet run -c Release --project Storefront.Benchmarks -- --filter '*Quote*' [--job short]
    /// </summary>
    /// <remarks>
    /// Benchmarks run in-process: BenchmarkDotNet's generated runner project lacks the ASP.NET Core framework
    /// reference, so its own restore asks the registry for framework packages (KeyDerivation) it does not hold.
    /// Reports go under the build output (bin/, ignored by git) unless --artifacts says otherwise.
    /// </remarks>
    public static void Main(string[] args)
    {
        if (!args.Contains("--inProcess") && !args.Contains("-i"))
        {
            args = [.. args, "--inProcess"];
        }

        if (!args.Contains("--artifacts"))
        {
            args = [.. args, "--artifacts", Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts")];
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
