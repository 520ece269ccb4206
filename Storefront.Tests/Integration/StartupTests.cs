using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Seed;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration;

public sealed class StartupTests
{
    [Fact]
    public async Task Seeding_IsIdempotent_AndKeepsMerchantEdits()
    {
        using var app = new StorefrontAppFactory();
        _ = app.Server;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            var kettle = await db.Products.SingleAsync(p => p.Slug == "gooseneck-kettle");
            kettle.Rename("Gooseneck Kettle (edited)");
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DbInitialiser>().InitialiseAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            Assert.Equal(17, await db.Products.CountAsync());
            Assert.Equal(19, await db.Prices.CountAsync());
            Assert.Equal(3, await db.LoyaltyTiers.CountAsync());
            Assert.Equal(5, await db.Promotions.CountAsync());
            Assert.Equal(3, await db.ShippingRates.CountAsync());
            Assert.Equal(6, await db.TaxRates.CountAsync());
            Assert.Equal(3, await db.Users.CountAsync());
            Assert.Equal("Gooseneck Kettle (edited)", (await db.Products.SingleAsync(p => p.Slug == "gooseneck-kettle")).Name);
            var promotion = await db.Promotions.SingleAsync(p => p.Name == "Spend 100, save 10 %");
            Assert.Equal((10, 10000L, 2000L), (promotion.PercentOff, promotion.ThresholdAmount!.Value, promotion.CapAmount!.Value));
        }
    }

    [Fact]
    public void HalfConfiguredStripeKeys_StopTheAppAtStartUp()
    {
        using var app = new StorefrontAppFactory().WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["Stripe:SecretKey"] = "sk_test_only_a_secret" })));

        var ex = Assert.Throws<OptionsValidationException>(() => app.Server);
        Assert.Contains("must be configured together", ex.Message);
    }

    [Fact]
    public void ProductionWithoutStripeKeys_RefusesToStart_RatherThanTakeFakePayments()
    {
        using var app = new StorefrontAppFactory().WithWebHostBuilder(builder => builder.UseEnvironment("Production"));

        var ex = Assert.Throws<InvalidOperationException>(() => app.Server);
        Assert.Contains("No Stripe keys are configured in Production", ex.Message);
    }

    [Fact]
    public void ProductionWithoutSmtp_RefusesToStart_RatherThanLoseAccountMail()
    {
        using var app = new StorefrontAppFactory().WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("Stripe:AllowEmulatorInProduction", "true")
            .UseSetting("Email:PickupDirectory", ""));

        var ex = Assert.Throws<InvalidOperationException>(() => app.Server);
        Assert.Contains("No e-mail delivery is configured in Production", ex.Message);
        Assert.Contains("Email:Host", ex.Message);
    }

    [Fact]
    public async Task TheDevelopmentMailPage_IsNotFoundOutsideDevelopment()
    {
        using var app = new StorefrontAppFactory().WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("Stripe:AllowEmulatorInProduction", "true"));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/dev/mail")).StatusCode);
    }

    [Fact]
    public void ProductionSeedsNoAccounts()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Path.GetDirectoryName(typeof(Program).Assembly.Location)!)
            .AddJsonFile("appsettings.json")
            .Build();
        var seed = configuration.GetSection(SeedOptions.SectionName).Get<SeedOptions>() ?? new SeedOptions();
        Assert.Empty(seed.Users);
    }
}
