using System.Globalization;

namespace Storefront.StripeEmulator;

/// <summary>
/// Standalone entry point: <c>dotnet run --project Storefront.StripeEmulator -- --urls http://127.0.0.1:12111</c>.
/// An explicit, namespaced class (not top-level statements) so that no second global <c>Program</c> type clashes with
/// Storefront.Web's in projects referencing both (WebApplicationFactory&lt;Program&gt;).
/// Configuration (appsettings, environment <c>Emulator__…</c> or command line <c>--Emulator:…</c>):
/// <c>Emulator:WebhookEndpoints:0:Url</c> / <c>Emulator:WebhookEndpoints:0:Secret</c>, <c>Emulator:DefaultApiVersion</c>,
/// <c>Emulator:WebhookRetrySeconds:0..n</c>, <c>Emulator:ApiKey</c> (the secret key clients must send; Development default
/// <c>sk_test_emulator</c>, else a random key printed at start), <c>Emulator:AllowAnonymousControl</c> (control endpoints
/// and dashboard outside Development), <c>--data-dir</c> or <c>Emulator:DataDirectory</c> (keep state on disk; default in memory).
/// </summary>
public sealed class EmulatorProgram
{
    private EmulatorProgram() { }

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var section = builder.Configuration.GetSection("Emulator");
        builder.Services.AddStripeEmulator(options =>
        {
            Configure(options, section);
            if (builder.Configuration["data-dir"] is { Length: > 0 } dataDir) options.DataDirectory = dataDir;
        });
        var app = builder.Build();
        app.UseStripeEmulator("");
        var access = app.Services.GetRequiredService<Access.EmulatorAccess>();
        if (access.GeneratedKey)
            Console.WriteLine($"Stripe emulator secret key (set Emulator:ApiKey to choose one): {access.ApiKeys[0]}");
        app.Run();
    }

    /// <summary>Applies the <c>Emulator</c> configuration section to the options.</summary>
    public static void Configure(StripeEmulatorOptions options, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        foreach (var child in section.GetSection("WebhookEndpoints").GetChildren())
        {
            var url = child["Url"];
            var secret = child["Secret"];
            if (!string.IsNullOrWhiteSpace(url) && !string.IsNullOrWhiteSpace(secret))
                options.WebhookEndpoints.Add(new WebhookEndpoint(url, secret));
        }
        if (section["DefaultApiVersion"] is { Length: > 0 } version) options.DefaultApiVersion = version;
        if (section["DataDirectory"] is { Length: > 0 } directory) options.DataDirectory = directory;
        if (section["ApiKey"] is { Length: > 0 } key) options.ApiKeys.Add(key);
        options.ApiKeys.AddRange(section.GetSection("ApiKeys").GetChildren().Select(c => c.Value).OfType<string>().Where(k => k.Length > 0));
        if (bool.TryParse(section["AllowAnonymousControl"], out var anonymous)) options.AllowAnonymousControl = anonymous;
        var retries = section.GetSection("WebhookRetrySeconds").GetChildren()
            .Select(c => double.TryParse(c.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : (TimeSpan?)null)
            .OfType<TimeSpan>().ToList();
        if (retries.Count > 0) options.WebhookRetrySchedule = retries;
    }
}
