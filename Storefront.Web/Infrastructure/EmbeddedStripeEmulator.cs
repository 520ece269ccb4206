using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Storefront.StripeEmulator;
using Storefront.Web.Checkout;
using Storefront.Web.Stripe;

namespace Storefront.Web.Infrastructure;

/// <summary>
/// With no Stripe keys configured the shop runs its own Stripe: the emulator is mounted under
/// <see cref="StripeOptions.EmulatorPathPrefix"/>, the Stripe client and the checkout page's script point at it, and
/// it delivers signed webhooks back to the shop. With real keys none of this is registered.
/// </summary>
public static class EmbeddedStripeEmulator
{
    public static WebApplicationBuilder AddEmbeddedStripeEmulator(this WebApplicationBuilder builder)
    {
        if (IsEmulatorMode(builder.Configuration))
        {
            // A production shop without keys would take fake payments: refuse unless someone asked for it on purpose.
            if (builder.Environment.IsProduction() && !builder.Configuration.GetValue("Stripe:AllowEmulatorInProduction", false))
            {
                throw new InvalidOperationException(
                    "No Stripe keys are configured in Production. Set Stripe:SecretKey and Stripe:PublishableKey, " +
                    "or Stripe:AllowEmulatorInProduction=true for a demo deployment that takes no real payments.");
            }

            // One secret key shared by the emulator (the only key it accepts) and the shop's Stripe client.
            var apiKey = builder.Configuration["Stripe:EmulatorApiKey"] is { Length: > 0 } configured
                ? configured
                : builder.Environment.IsDevelopment() ? StripeOptions.DevelopmentEmulatorApiKey : "sk_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            builder.Services.PostConfigure<StripeOptions>(options => options.EmulatorApiKey = apiKey);
            var dataDirectory = EmulatorDataDirectory(builder);
            builder.Services.AddStripeEmulator(options =>
            {
                options.ApiKeys = [apiKey];
                options.DataDirectory = dataDirectory;

                // Outside Development only admins may drive the emulator (reset, faults, time) or see its dashboard.
                options.ControlAuthorizationPolicy = Policies.Admin;
            });
        }

        return builder;
    }

    /// <summary>Mount before routing, authentication and antiforgery: the emulator is a terminal branch of its own.</summary>
    public static WebApplication UseEmbeddedStripeEmulator(this WebApplication app)
    {
        var stripe = app.Services.GetRequiredService<IOptions<StripeOptions>>().Value;
        if (!stripe.UsesEmulator)
        {
            return app;
        }

        app.UseStripeEmulator(stripe.EmulatorPathPrefix);
        app.Lifetime.ApplicationStarted.Register(() => ConnectToOwnAddress(app, stripe));
        return app;
    }

    /// <summary>Once Kestrel knows its port: send webhooks to our own endpoint (a TestServer host wires this itself).</summary>
    private static void ConnectToOwnAddress(WebApplication app, StripeOptions stripe)
    {
        var address = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return;
        }

        var own = new UriBuilder(address.Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
        var secret = StripeWebhookEndpoint.SigningSecret(stripe, app.Services.GetRequiredService<IOptions<CheckoutOptions>>().Value)!;
        app.Services.GetRequiredService<StripeEmulatorState>().Options.WebhookEndpoints
            .Add(new WebhookEndpoint(new Uri(own.Uri, StripeWebhookEndpoint.Path).ToString(), secret));
    }

    /// <summary>
    /// Where the emulator keeps its state, so a restart (or a crash) keeps the prices, sessions and pending webhooks the
    /// shop's database refers to: <c>Stripe:EmulatorDataDirectory</c> (relative to the content root; <c>:memory:</c> for
    /// none), else <c>stripe-emulator</c> beside the shop's SQLite file (none when the shop's database is in memory).
    /// </summary>
    private static string? EmulatorDataDirectory(WebApplicationBuilder builder)
    {
        var root = builder.Environment.ContentRootPath;
        if (builder.Configuration["Stripe:EmulatorDataDirectory"] is { Length: > 0 } configured)
        {
            return configured == ":memory:" ? null : Path.GetFullPath(configured, root);
        }

        var database = new SqliteConnectionStringBuilder(builder.Configuration.GetConnectionString("Storefront") ?? "");
        if (database.Mode == SqliteOpenMode.Memory || database.DataSource is "" or ":memory:")
        {
            return null;
        }

        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.DataSource, root))!, "stripe-emulator");
    }

    private static bool IsEmulatorMode(IConfiguration configuration) =>
        (configuration.GetSection(StripeOptions.SectionName).Get<StripeOptions>() ?? new StripeOptions()).UsesEmulator;
}
