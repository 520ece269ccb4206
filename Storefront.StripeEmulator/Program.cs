namespace Storefront.StripeEmulator;

/// <summary>Standalone entry point. A named class rather than top-level statements, so the shop's own Program stays unambiguous in tests.</summary>
public static class EmulatorProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "Storefront Stripe emulator");
        app.Run();
    }
}
