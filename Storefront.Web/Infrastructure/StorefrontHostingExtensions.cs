using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.DataProtection;
using Storefront.Data;
using Storefront.Data.Seed;
using Storefront.Web.Accounts;
using Storefront.Web.Carts;
using Storefront.Web.Catalog;
using Storefront.Web.Checkout;
using Storefront.Web.Email;
using Storefront.Web.Infrastructure.Handlers;
using Storefront.Web.Inventory;
using Storefront.Web.Loyalty;
using Storefront.Web.Pricing;
using Storefront.Web.Stripe;

namespace Storefront.Web.Infrastructure;

/// <summary>Service registration and the request pipeline, kept out of Program.cs so each reads top to bottom.</summary>
public static class StorefrontHostingExtensions
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<ShopOptions>().Bind(configuration.GetSection(ShopOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddStripeGateway(configuration);
        builder.AddEmbeddedStripeEmulator();
        services.AddOptions<CheckoutOptions>().Bind(configuration.GetSection(CheckoutOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StripeJsLocation>();

        services.AddStorefrontData(configuration, builder.Environment.ContentRootPath);
        services.AddDataProtection()
            .SetApplicationName("Storefront")
            .PersistKeysToFileSystem(new DirectoryInfo(configuration["DataProtection:KeysPath"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data", "keys")));

        builder.AddStorefrontAccounts();
        builder.AddStorefrontEmail();

        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeAreaFolder("Admin", "/", Policies.Admin);
                options.Conventions.AddAreaFolderApplicationModelConvention("Identity", "/Account", model =>
                {
                    model.Filters.Add(new MalformedLinkFilter());
                    model.Filters.Add(new TwoFactorPreconditionsFilter());
                });
            })
            .AddMvcOptions(options =>
            {
                ShopperFacingMessages.Apply(options.ModelBindingMessageProvider);
                options.Filters.Add(new PageHandlerGuard());
                options.ModelBinderProviders.Insert(0, new TolerantBooleanModelBinderProvider());
            })
            // A body naming a field twice is ambiguous (which one did the client mean?): refuse it rather than take the last.
            .AddJsonOptions(options => options.JsonSerializerOptions.AllowDuplicateProperties = false);
        services.AddProblemDetails();
        services.AddHttpContextAccessor();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddScoped<CartOwnerAccessor>();
        services.AddScoped<CartService>();
        services.AddScoped<CartMerger>();
        services.AddScoped<StockAvailability>();
        services.AddScoped<CatalogQueries>();
        services.AddScoped<LoyaltyTiers>();

        services.AddScoped<CheckoutAccess>();
        services.AddScoped<CheckoutStarter>();
        services.AddScoped<InventoryHolds>();
        services.AddScoped<StripeCatalogSync>();
        services.AddScoped<Fulfilment>();
        services.AddPricing();
        services.AddScoped<CheckoutQuoter>();
        services.AddScoped<SessionSync>();
        services.AddScoped<SessionUpdater>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<CheckoutViewBuilder>();
        services.AddCheckoutRateLimits(configuration);
        services.AddSingleton<HoldSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<HoldSweeper>());
        services.AddAdmin();
        services.Replace(ServiceDescriptor.Scoped<Storefront.Web.Admin.IAdminChangeNotifier, PricingRulesInvalidator>());
        return builder;
    }

    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:InitialiseOnStartup", true))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DbInitialiser>().InitialiseAsync();
    }

    public static WebApplication UseStorefront(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseEmbeddedStripeEmulator();
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapHealthChecks("/healthz");
        app.MapStripeWebhook();
        app.MapLegacyAccountPaths();
        app.MapRazorPages();
        return app;
    }
}
