using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Stripe;

public static class StripeServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="StripeOptions"/> (section "Stripe", validated on start), and registers
    /// <see cref="IStripeGateway"/> over an IHttpClientFactory client named <see cref="StripeHttpTransport.HttpClientName"/>,
    /// <see cref="StripeBaseAddressProvider"/> (also as <see cref="IStripeBaseAddressProvider"/>), <see cref="StripeRetryPolicy"/>
    /// and <see cref="StripeWebhookVerifier"/>. Registrations already present (a test's fake, say) are kept.
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
        services.TryAddSingleton(sp => new StripeRetryPolicy(
            sp.GetRequiredService<IOptions<StripeOptions>>().Value.MaxNetworkRetries,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new StripeWebhookVerifier(sp.GetRequiredService<TimeProvider>()));

        // The factory's own request logging must never show the bearer key: redact every header value.
        // Timeouts are per attempt (StripeOptions.Timeout, in the transport) so that a retry gets a fresh budget.
        services.AddHttpClient<StripeHttpTransport>(StripeHttpTransport.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(static _ => true);
        services.TryAddTransient<IStripeGateway, StripeGateway>();
        return services;
    }
}
