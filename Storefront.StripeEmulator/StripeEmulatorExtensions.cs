using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.StripeEmulator.Internal;

namespace Storefront.StripeEmulator;

public static class StripeEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the emulator: <see cref="StripeEmulatorState"/> (singleton), <see cref="TimeProvider.System"/> unless a
    /// TimeProvider is registered, the webhook dispatcher and the expiry sweep (hosted services), and a named HttpClient.
    /// </summary>
    public static IServiceCollection AddStripeEmulator(this IServiceCollection services, Action<StripeEmulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<StripeEmulatorOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Persistence.EmulatorPersistence>();
        services.TryAddSingleton(sp =>
        {
            var state = ActivatorUtilities.CreateInstance<StripeEmulatorState>(sp);
            sp.GetRequiredService<Persistence.EmulatorPersistence>().Attach(state);
            return state;
        });
        services.TryAddSingleton<Access.EmulatorAccess>();
        services.TryAddSingleton<EmulatorHttpHandler>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<ExpirySweeper>();
        return services;
    }
}

public static class StripeEmulatorApplicationBuilderExtensions
{
    /// <summary>
    /// Mounts the emulator: API at <c>{prefix}/v1/…</c>, control API at <c>{prefix}/_emulator/…</c>, dashboard at
    /// <c>{prefix}/</c>. With a prefix it is a terminal <c>app.Map</c> branch that clears any endpoint the host's routing
    /// selected, so host routing, auth, antiforgery and Razor Pages are neither used nor disturbed. With "" it is a
    /// middleware that handles only its own paths and passes everything else on.
    /// </summary>
    public static IApplicationBuilder UseStripeEmulator(this IApplicationBuilder app, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var prefix = (pathPrefix ?? "").Trim().TrimEnd('/');
        if (prefix.Length > 0 && !prefix.StartsWith('/')) prefix = "/" + prefix;
        var handler = app.ApplicationServices.GetRequiredService<EmulatorHttpHandler>();
        app.ApplicationServices.GetRequiredService<StripeEmulatorState>().Options.PathPrefix = prefix;
        if (prefix.Length == 0)
        {
            app.Use(async (ctx, next) =>
            {
                if (!await handler.TryHandleAsync(ctx, ownsEverything: false)) await next(ctx);
            });
            return app;
        }
        app.Map(prefix, branch => branch.Run(async ctx =>
        {
            ctx.SetEndpoint(null);
            await handler.TryHandleAsync(ctx, ownsEverything: true);
        }));
        return app;
    }
}
