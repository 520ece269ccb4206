using Storefront.Web.Admin;

// In the DI namespace so the host registers the area with a single `services.AddAdmin();` line.
namespace Microsoft.Extensions.DependencyInjection;

public static class AdminServiceCollectionExtensions
{
    /// <summary>Services behind the merchant Admin area (pages live in Areas/Admin).</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AdminChanges>();

        // Replace with an implementation that calls PricingRulesSource.Invalidate() (and friends) once that exists.
        services.AddSingleton<IAdminChangeNotifier, NoOpAdminChangeNotifier>();
        return services;
    }
}
