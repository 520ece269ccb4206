using Microsoft.Playwright;
using Storefront.Tests.E2E.Infrastructure;
using Storefront.Tests.E2E.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.E2E;

/// <summary>A visitor browses the seeded catalog and fills a cart, in a real browser against the real app.</summary>
[Collection(E2ECollection.Name)]
public sealed class BrowsingAndCartTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task AddingTwoPourOverDrippers_ShowsOneLineOfTwo_WithASubtotalOf64Dollars() => RunAsync(async page =>
    {
        var catalog = await new CatalogPage(page).OpenAsync();
        await Expect(catalog.Heading).ToHaveTextAsync("Catalog");

        var product = await catalog.OpenProductAsync("Pour-Over Dripper");
        await Expect(product.Heading).ToHaveTextAsync("Pour-Over Dripper");
        await Expect(product.Price).ToHaveTextAsync("$32.00");
        await Expect(product.Quantity).ToHaveValueAsync("1");

        await product.SetQuantityAsync(2);
        var cart = await product.AddToCartAsync();

        await Expect(cart.Heading).ToHaveTextAsync("Your cart");
        await Expect(cart.Notice).ToHaveTextAsync("Added 2 × Pour-Over Dripper to your cart.");
        await Expect(cart.Lines).ToHaveCountAsync(1);
        await Expect(cart.LineQuantity("Pour-Over Dripper")).ToHaveValueAsync("2");
        await Expect(cart.LineUnitPrice("Pour-Over Dripper")).ToHaveTextAsync("$32.00");
        await Expect(cart.LineTotal("Pour-Over Dripper")).ToHaveTextAsync("$64.00");
        await Expect(cart.SubtotalRow.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Subtotal (2 items)");
        await Expect(cart.Subtotal).ToHaveTextAsync("$64.00");
    });

    [Fact]
    public Task ChoosingYearlyBilling_ForRoastersChoice_PutsTheYearlyPriceInTheCart() => RunAsync(async page =>
    {
        var catalog = await new CatalogPage(page).OpenAsync();
        var product = await catalog.OpenProductAsync("Roaster's Choice Subscription");
        await Expect(product.Heading).ToHaveTextAsync("Roaster's Choice Subscription");
        await Expect(product.BillingOption("Monthly")).ToBeCheckedAsync();
        await Expect(product.BillingOption("Yearly")).Not.ToBeCheckedAsync();
        await Expect(product.Billing).ToContainTextAsync("$220.00 / year");

        await product.ChooseBillingAsync("Yearly");
        var cart = await product.AddToCartAsync();

        await Expect(cart.Lines).ToHaveCountAsync(1);
        await Expect(cart.LineUnitPrice("Roaster's Choice Subscription")).ToHaveTextAsync("$220.00 / year");
        await Expect(cart.LineQuantity("Roaster's Choice Subscription")).ToHaveValueAsync("1");
        await Expect(cart.LineTotal("Roaster's Choice Subscription")).ToHaveTextAsync("$220.00");
        await Expect(cart.Subtotal).ToHaveTextAsync("$220.00");
    });

    [Fact]
    public Task FilteringByBrewing_ListsOnlyTheBrewingProducts() => RunAsync(async page =>
    {
        var catalog = await new CatalogPage(page).OpenAsync();
        Assert.Contains("House Blend Beans", await catalog.ProductNamesAsync());

        await catalog.FilterByCategoryAsync("Brewing");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?category=Brewing$"));
        await Expect(catalog.Heading).ToHaveTextAsync("Brewing");
        await Expect(catalog.Categories.GetByRole(AriaRole.Link, new() { Name = "Brewing", Exact = true }))
            .ToHaveAttributeAsync("aria-current", "page");
        await Expect(catalog.ProductCards).ToHaveCountAsync(4);
        Assert.Equal(
            ["Conical Burr Grinder", "French Press", "Gooseneck Kettle", "Pour-Over Dripper"],
            (await catalog.ProductNamesAsync()).Order(StringComparer.Ordinal));
        Assert.All(await catalog.CardCategoriesAsync(), category => Assert.Equal("Brewing", category));
    });
}
