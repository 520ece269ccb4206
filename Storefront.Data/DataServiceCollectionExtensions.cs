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
        var provider = configuration["Database:Provider"] ?? DatabaseProvider.Sqlite;
        var connectionString = configuration.GetConnectionString("Storefront")
                               ?? throw new InvalidOperationException("ConnectionStrings:Storefront is not configured.");
        services.AddDbContext<StorefrontDbContext>(options => options.UseStorefrontDatabase(provider, connectionString, contentRoot));
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.SectionName));
        services.AddScoped<DbInitialiser>();
        return services;
    }
}
