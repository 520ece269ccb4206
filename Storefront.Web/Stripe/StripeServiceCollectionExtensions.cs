using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stripe;

namespace Storefront.Web.Stripe;

public static class StripeServiceCollectionExtensions
{
    /// <summary>The IHttpClientFactory name of Stripe.net's HttpClient; a host may reconfigure it (a test server's handler, say).</summary>
    public const string HttpClientName = "Storefront.Stripe";

    /// <summary>
    /// Binds and validates <see cref="StripeOptions"/> (section "Stripe", validated on start) and registers Stripe.net's
    /// <see cref="IStripeClient"/> (its own retries, over the named HttpClient with redacted request logging and the
    /// preview-version handler, pointed at the emulator in emulator mode) and <see cref="IStripeGateway"/> over it.
    /// Registrations already present (a test's fake, say) are kept.
    /// </summary>
    public static IServiceCollection AddStripeGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new StripeBaseAddressProvider(sp.GetRequiredService<IOptions<StripeOptions>>(), sp));
        services.TryAddSingleton<IStripeBaseAddressProvider>(sp => sp.GetRequiredService<StripeBaseAddressProvider>());
        services.TryAddSingleton<PreviewAccess>();
        services.TryAddTransient<StripeRequestLoggingHandler>();
        services.TryAddTransient<PreviewVersionHandler>();

        // Stripe.net retries by calling the HttpClient again, so the timeout is per attempt. The factory's own logging
        // must never show the bearer key: every header value is redacted.
        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<StripeOptions>>().Value.Timeout)
            .AddHttpMessageHandler<StripeRequestLoggingHandler>()
            .AddHttpMessageHandler<PreviewVersionHandler>()
            .RedactLoggedHeaders(static _ => true);
        services.TryAddTransient<IStripeClient>(CreateClient);
        services.TryAddTransient<IStripeGateway, StripeGateway>();
        return services;
    }

    /// <summary>A client per use: the factory's HttpClient is cheap and the emulator's address may be learnt after start.</summary>
    private static StripeClient CreateClient(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StripeOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var apiKey = options.UsesEmulator ? options.EmulatorApiKey ?? StripeOptions.DevelopmentEmulatorApiKey : options.SecretKey!;
        var root = options.UsesEmulator || !string.IsNullOrWhiteSpace(options.ApiBase)
            ? services.GetRequiredService<IStripeBaseAddressProvider>().GetBaseAddress().AbsoluteUri.TrimEnd('/')
            : null;
        return new StripeClient(
            apiKey,
            httpClient: new SystemNetHttpClient(http, options.MaxNetworkRetries, new AppInfo { Name = "Storefront" }, enableTelemetry: false),
            apiBase: root,
            connectBase: root,
            filesBase: root);
    }
}
