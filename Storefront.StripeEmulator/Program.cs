using Storefront.StripeEmulator;

// Standalone: dotnet run --project Storefront.StripeEmulator -- --urls http://127.0.0.1:12111
// Webhook endpoints from configuration: Emulator:WebhookEndpoints:0:Url / Emulator:WebhookEndpoints:0:Secret
// (also Emulator:DefaultApiVersion, Emulator:WebhookRetrySeconds:0..n).
var builder = WebApplication.CreateBuilder(args);
var section = builder.Configuration.GetSection("Emulator");
builder.Services.AddStripeEmulator(options =>
{
    foreach (var child in section.GetSection("WebhookEndpoints").GetChildren())
    {
        var url = child["Url"];
        var secret = child["Secret"];
        if (!string.IsNullOrWhiteSpace(url) && !string.IsNullOrWhiteSpace(secret))
            options.WebhookEndpoints.Add(new WebhookEndpoint(url, secret));
    }
    if (section["DefaultApiVersion"] is { Length: > 0 } version) options.DefaultApiVersion = version;
    var retries = section.GetSection("WebhookRetrySeconds").GetChildren()
        .Select(c => double.TryParse(c.Value, System.Globalization.CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : (TimeSpan?)null)
        .OfType<TimeSpan>().ToList();
    if (retries.Count > 0) options.WebhookRetrySchedule = retries;
});

var app = builder.Build();
app.UseStripeEmulator("");
app.Run();
