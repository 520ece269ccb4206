using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data.Providers;
using Storefront.Data.Seed;

namespace Storefront.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the context from "Database:Provider" (default Sqlite) and "ConnectionStrings:Storefront",
    /// plus the seeder bound to the "Seed" section.
    /// </summary>
    public static IServiceCollection AddStorefrontData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        // Read when the first context is built, not now: hosts (and tests) may still add configuration after registration.
        services.AddDbContext<StorefrontDbContext>((serviceProvider, options) =>
        {
            var current = serviceProvider.GetRequiredService<IConfiguration>();
            var provider = current["Database:Provider"] ?? DatabaseProvider.Sqlite;
            var connectionString = current.GetConnectionString("Storefront")
                                   ?? throw new InvalidOperationException("ConnectionStrings:Storefront is not configured.");
            options.UseStorefrontDatabase(provider, connectionString, contentRoot);
        });
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.SectionName));
        services.AddScoped<DbInitialiser>();
        return services;
    }
}
