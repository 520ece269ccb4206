using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Web.Checkout;

namespace Storefront.Web.Pricing;

public static class PricingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the pricing engine (singleton, built-in rules plus any other <see cref="IPricingRule"/>
    /// registered), <see cref="PricingOptions"/> (validated on start) and the cached <see cref="PricingRulesSource"/>.
    /// Expects configuration, the database context and a <see cref="TimeProvider"/> to be registered elsewhere.
    /// Calling it twice registers nothing more (a rule registered twice would run twice).
    /// </summary>
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PricingEngine)))
        {
            return services;
        }

        services.AddOptions<PricingOptions>()
            .BindConfiguration(PricingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMemoryCache();
        foreach (var rule in PricingEngine.DefaultRules())
        {
            services.AddSingleton(typeof(IPricingRule), rule);
        }

        services.TryAddSingleton(sp => new PricingEngine(sp.GetServices<IPricingRule>()));
        services.TryAddSingleton<PricingRulesGeneration>();
        services.TryAddScoped<PricingRulesSource>();
        return services;
    }
}
