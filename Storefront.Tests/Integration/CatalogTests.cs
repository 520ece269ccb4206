using System.Net;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration;

public sealed class CatalogTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task TheCatalog_ListsEverySeededProductShoppersCanBuy_ButNotAddOnsOrGifts()
    {
        using var shopper = new ShopperClient(app);
        var (response, page) = await shopper.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var slugs = page.QuerySelectorAll(".product-card").Select(c => c.GetAttribute("data-slug")).ToList();
        Assert.Equal(13, slugs.Count);
        Assert.Contains("house-blend-beans", slugs);
        Assert.Contains("roasters-choice", slugs);
        Assert.Contains("brewing-masterclass", slugs);
        Assert.DoesNotContain("gift-wrap", slugs);
        Assert.DoesNotContain("tasting-spoon", slugs);
        var categories = page.QuerySelectorAll(".categories a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["All", "Brewing", "Coffee", "Learning", "Subscriptions"], categories);
    }

    [Fact]
    public async Task FilteringByCategory_ShowsOnlyThatCategory()
    {
        using var shopper = new ShopperClient(app);
        var (_, page) = await shopper.GetAsync("/?category=Brewing");

        var names = page.QuerySelectorAll(".product-card h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Conical Burr Grinder", "French Press", "Gooseneck Kettle", "Pour-Over Dripper"], names);
        Assert.Equal("Brewing", page.QuerySelector(".categories a[aria-current=page]")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnUnknownCategory_IsNotFound()
    {
        using var shopper = new ShopperClient(app);
        var (response, _) = await shopper.GetAsync("/?category=Teapots");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AProductPage_ShowsItsPriceAndStock()
    {
        using var shopper = new ShopperClient(app);
        var (_, page) = await shopper.GetAsync("/products/decaf-sugarcane");

        Assert.Equal("Decaf Sugarcane", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("$18.00", page.QuerySelector(".product-price .price-amount")!.TextContent.Trim());
        Assert.Equal("Only 3 left", page.QuerySelector(".stock")!.TextContent.Trim());
    }

    [Fact]
    public async Task ASoldOutProduct_SaysSo_AndCannotBeAdded()
    {
        using var shopper = new ShopperClient(app);
        var (_, page) = await shopper.GetAsync("/products/espresso-forte");

        Assert.Equal("Out of stock", page.QuerySelector(".stock")!.TextContent.Trim());
        Assert.True(page.QuerySelector("form.add-to-cart button")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task ASubscriptionPage_OffersMonthlyAndYearly_WithTheYearlySaving()
    {
        using var shopper = new ShopperClient(app);
        var (_, page) = await shopper.GetAsync("/products/roasters-choice");

        var options = page.QuerySelectorAll(".interval-choice label").Select(l => l.TextContent).ToList();
        Assert.Equal(2, options.Count);
        Assert.Contains("$22.00", options[0]);
        Assert.Contains("/ month", options[0]);
        Assert.Contains("$220.00", options[1]);
        Assert.Contains("save $44.00 a year", options[1]);
    }

    [Theory]
    [InlineData("/products/no-such-thing")]
    [InlineData("/products/gift-wrap")]
    [InlineData("/products/tasting-spoon")]
    public async Task AnUnknownOrUnsellableSlug_IsA404Page(string url)
    {
        using var shopper = new ShopperClient(app);
        var (response, page) = await shopper.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheFooter_SaysTheShopRunsOnTheEmulator_WhenNoStripeKeysAreConfigured()
    {
        using var shopper = new ShopperClient(app);
        var (_, page) = await shopper.GetAsync("/");

        var mode = page.QuerySelector(".stripe-mode")!;
        Assert.Equal("emulator", mode.GetAttribute("data-mode"));
        Assert.Contains("Stripe emulator", mode.TextContent);
    }

    [Fact]
    public async Task HealthEndpoint_ReportsHealthy()
    {
        using var shopper = new ShopperClient(app);
        var response = await shopper.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
