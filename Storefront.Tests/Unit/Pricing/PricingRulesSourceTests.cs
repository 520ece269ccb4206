using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Data.Loyalty;
using Storefront.Data.Promotions;
using Storefront.Data.Shipping;
using Storefront.Data.Tax;
using Storefront.Web.Checkout;
using Storefront.Web.Infrastructure;
using Storefront.Web.Pricing;

namespace Storefront.Tests.Unit.Pricing;

/// <summary>The one database-aware pricing piece, against a throw-away SQLite file and the AddPricing registrations.</summary>
public sealed class PricingRulesSourceTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"storefront-pricing-{Guid.NewGuid():N}.db");
    private ServiceProvider provider = null!;

    public async Task InitializeAsync()
    {
        provider = Build(new Dictionary<string, string?> { ["Pricing:ComplimentaryThreshold"] = "12000" });
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        await db.Database.EnsureCreatedAsync();

        var spoon = new Product("tasting-spoon", "Cupping Spoon", "Gifts", ProductKind.Physical);
        spoon.MarkComplimentary(true);
        spoon.AddPrice("usd", 0, BillingInterval.None);
        db.Products.Add(spoon);
        db.LoyaltyTiers.Add(new LoyaltyTier("Gold", 50000, 10, 2500, "usd"));
        var retired = new Promotion("Retired", PromotionKind.TimeWindow, DiscountType.Percent, 50, 0, "usd");
        retired.Deactivate();
        db.Promotions.AddRange(new Promotion("Autumn", PromotionKind.TimeWindow, DiscountType.Percent, 5, 0, "usd"), retired);
        var closed = new ShippingRate("Closed", 100, "usd", 1, 1, ["US"]);
        closed.Deactivate();
        db.ShippingRates.AddRange(new ShippingRate("Standard", 500, "usd", 3, 5, ["US"]), closed);
        db.TaxRates.Add(new TaxRate("New York sales tax", "US", "NY", 8.875m, inclusive: false));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Storefront"] = $"Data Source={file}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddStorefrontData(configuration, Path.GetTempPath());
        services.AddOptions<ShopOptions>();
        services.AddPricing();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private async Task<PricingRules> LoadAsync()
    {
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PricingRulesSource>().GetAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TheSnapshot_HoldsTheActiveRules_AndTheConfiguredComplimentaryThreshold()
    {
        var rules = await LoadAsync();

        Assert.Equal(["Gold"], rules.LoyaltyTiers.Select(t => t.Name));
        Assert.Equal(["Autumn"], rules.Promotions.Select(p => p.Name));
        Assert.Equal(["Standard"], rules.ShippingRates.Select(r => r.Name));
        Assert.Equal("New York sales tax", Assert.Single(rules.TaxRates).DisplayName);
        Assert.Equal(("Cupping Spoon", 12000L), (rules.Complimentary?.Name, rules.Complimentary?.Threshold));
        Assert.NotEqual(0, rules.Complimentary?.PriceId);
        Assert.Equal("US", rules.DefaultCountry);
    }

    [Fact]
    public async Task TheSnapshot_IsCachedUntilInvalidated()
    {
        var first = await LoadAsync();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            db.LoyaltyTiers.Add(new LoyaltyTier("Silver", 20000, 5, 1000, "usd"));
            await db.SaveChangesAsync();
            Assert.Same(first, await LoadAsync());

            scope.ServiceProvider.GetRequiredService<PricingRulesSource>().Invalidate();
        }

        Assert.Equal(["Silver", "Gold"], (await LoadAsync()).LoyaltyTiers.Select(t => t.Name));
    }

    [Fact]
    public void AddPricing_RegistersTheEngineWithTheBuiltInRules()
    {
        var engine = provider.GetRequiredService<PricingEngine>();

        Assert.Equal(PricingEngine.DefaultRules().Select(r => r.GetType()), engine.Rules.Select(r => r.GetType()));
    }

    [Fact]
    public void AddPricingTwice_DoesNotRunAnyRuleTwice()
    {
        var services = new ServiceCollection().AddPricing().AddPricing();

        Assert.Equal(PricingEngine.DefaultRules().Length, services.Count(d => d.ServiceType == typeof(IPricingRule)));
    }

    [Fact]
    public async Task InvalidPricingSettings_AreRejected()
    {
        await using var invalid = Build(new Dictionary<string, string?>
        {
            ["Pricing:ComplimentaryThreshold"] = "-1",
            ["Pricing:DefaultCountry"] = "usa",
        });

        var error = Assert.Throws<OptionsValidationException>(() => invalid.GetRequiredService<IOptions<PricingOptions>>().Value);
        Assert.Contains("Pricing:ComplimentaryThreshold", error.Message);
        Assert.Contains("Pricing:DefaultCountry", error.Message);
    }
}
