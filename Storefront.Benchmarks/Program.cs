using BenchmarkDotNet.Running;
using Storefront.Benchmarks.Checkout;
using Storefront.Benchmarks.Stripe;

namespace Storefront.Benchmarks;

public static class Program
{
    private const string Usage = """
        Storefront benchmarks. One of:
          dotnet run -c Release --project Storefront.Benchmarks -- quote [BenchmarkDotNet args, e.g. --filter '*Quote*' --job short]
          dotnet run -c Release --project Storefront.Benchmarks -- stripe [--iterations N] [--warmup N] [--concurrency N]
          dotnet run -c Release --project Storefront.Benchmarks -- checkout [--shoppers 16] [--actions N] [--warmup N]
        See Storefront.Benchmarks/README.md.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "quote":
                return RunQuote(rest);
            case "stripe":
                return await StripeLatencyBenchmark.RunAsync(rest);
            case "checkout":
                return await CheckoutHandlerBenchmark.RunAsync(rest);
            default:
                // Before the subcommands, the project took BenchmarkDotNet's arguments directly: keep that working.
                if (args[0].StartsWith('-'))
                {
                    return RunQuote(args);
                }

                Console.Error.WriteLine($"Unknown mode '{args[0]}'.");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <remarks>
    /// Benchmarks run in-process: BenchmarkDotNet's generated runner project lacks the ASP.NET Core framework
    /// reference, so its own restore asks the registry for framework packages (KeyDerivation) it does not hold.
    /// Reports go under the build output (bin/, ignored by git) unless --artifacts says otherwise.
    /// </remarks>
    private static int RunQuote(string[] args)
    {
        if (!args.Contains("--inProcess") && !args.Contains("-i"))
        {
            args = [.. args, "--inProcess"];
        }

        if (!args.Contains("--artifacts"))
        {
            args = [.. args, "--artifacts", Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts")];
        }

        if (!args.Contains("--filter") && !args.Contains("-f"))
        {
            args = [.. args, "--filter", "*QuoteBenchmarks*"];
        }

        Console.WriteLine($"Quote benchmark — {Cli.RuntimeInfo()}; {Cli.LoadAverage()}");
        Console.WriteLine("Target: one quote (10 lines × 20 promotions) ≤ 5 µs (compare the Mean/Median columns).");
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
