namespace Storefront.Benchmarks.Checkout;

/// <summary>Checkout handler latency (placeholder until the harness lands).</summary>
public static class CheckoutHandlerBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.Error.WriteLine("checkout mode: not implemented yet");
        return Task.FromResult(2);
    }
}
