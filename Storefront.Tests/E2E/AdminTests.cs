using Microsoft.Playwright;
using Storefront.Tests.E2E.Infrastructure;
using Storefront.Tests.E2E.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.E2E;

/// <summary>Admin changes seen by shoppers, on the admin collection's own app (they change shared data).</summary>
public sealed class AdminTests(AdminE2EFixture fixture, ITestOutputHelper output) : AdminE2ETest(fixture, output)
{
    private const string AdminEmail = "admin@storefront.local";
    private const string AdminPassword = "Admin!23456";

    [Fact]
    public Task AdminCreatesAProductWithPriceAndStock_AShopperBuysIt_AndTheOrderIsListed() => RunAsync(async page =>
    {
        // The admin works in a context of its own; the test's page is the shopper.
        await using var adminContext = await NewContextAsync();
        var adminPage = await adminContext.NewPageAsync();
        await Shop.SignInAsync(adminPage, AdminEmail, AdminPassword);
        var admin = new AdminPages(adminPage);

        var id = await admin.CreateProductAsync("cold-brew-bottle", "Cold Brew Bottle", "Cold Brew", "Physical",
            "A 1 l glass bottle with a fine mesh filter for cold brew.");
        await admin.AddPriceAsync(id, "18.50");
        await Expect(admin.PriceAmounts).ToHaveTextAsync(["$18.50"]);
        await admin.AdjustStockAsync(id, 5, "First delivery");
        await Expect(admin.StockOnHand).ToHaveTextAsync("5");
        await Expect(admin.StockAvailable).ToHaveTextAsync("5");

        // The shopper finds it in the catalog and buys two, shipped to Oregon (no sales tax configured).
        var catalog = await new CatalogPage(page).OpenAsync();
        await catalog.FilterByCategoryAsync("Cold Brew");
        Assert.Equal(["Cold Brew Bottle"], await catalog.ProductNamesAsync());
        var product = await catalog.OpenProductAsync("Cold Brew Bottle");
        await Expect(product.Price).ToHaveTextAsync("$18.50");
        await product.SetQuantityAsync(2);
        var cart = await product.AddToCartAsync();
        await Expect(cart.Subtotal).ToHaveTextAsync("$37.00");

        var checkout = await cart.CheckoutAsync();
        await checkout.FillEmailAsync("cold.brew.buyer@example.test");
        await checkout.FillAddressAsync("Test Shopper", "1 Main Street", "Portland", "OR", "97201", "US");
        // 2 × $18.50 = $37.00 + Standard $5.00 (under $75), no tax in Oregon.
        await Expect(checkout.SummaryLineTotal("Cold Brew Bottle")).ToHaveTextAsync("$37.00");
        await Expect(checkout.Shipping).ToHaveTextAsync("$5.00");
        await Expect(checkout.Tax).ToHaveTextAsync("$0.00");
        await Expect(checkout.Total).ToHaveTextAsync("$42.00");
        await checkout.FillCardAsync("4242 4242 4242 4242");
        await checkout.PayAsync();

        var result = new ReturnPage(page);
        await Expect(result.Paid).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(result.OrderTotal).ToHaveTextAsync("$42.00");
        var orderNumber = (await result.OrderNumber.InnerTextAsync()).Trim();
        Assert.NotEmpty(orderNumber);

        await admin.OpenOrdersAsync();
        var row = admin.OrderRow(orderNumber);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("cold.brew.buyer@example.test");
        await Expect(row.Locator("td.num")).ToHaveTextAsync("$42.00");

        await adminPage.GotoAsync($"/Admin/Products/Stock/{id}");
        await Expect(admin.StockOnHand).ToHaveTextAsync("3");
    });

    [Fact]
    public Task AdminRaisesGoldTo20Percent_AGoldShoppersNextCheckoutUpdateShowsIt() => RunAsync(async page =>
    {
        await Shop.SignInAsync(page, "gold@storefront.local", "Shopper!23456");
        var cart = await Shop.AddToCartAsync(page, "House Blend Beans", quantity: 2);
        var checkout = await cart.CheckoutAsync();
        // 2 × $24.00 = $48.00; Gold 10 % = $4.80; + Standard $5.00 = $48.20.
        await Expect(checkout.DiscountLabel).ToHaveTextAsync("Discount (Gold member 10 %)");
        await Expect(checkout.Discount).ToHaveTextAsync("-$4.80");
        await Expect(checkout.Total).ToHaveTextAsync("$48.20");

        await using (var adminContext = await NewContextAsync())
        {
            var adminPage = await adminContext.NewPageAsync();
            await Shop.SignInAsync(adminPage, AdminEmail, AdminPassword);
            var admin = new AdminPages(adminPage);
            await admin.SetTierPercentAsync("Gold", 20);
            await Expect(admin.TierRow("Gold").Locator("td.num").Nth(1)).ToHaveTextAsync("20 %");
        }

        // The shopper's next update is priced with the new tier: 3 × $24.00 = $72.00; 20 % = $14.40 (cap $25.00);
        // $57.60 + Standard $5.00 = $62.60.
        await checkout.SetQuantityAsync("House Blend Beans", 3);
        await Expect(checkout.Subtotal).ToHaveTextAsync("$72.00");
        await Expect(checkout.DiscountLabel).ToHaveTextAsync("Discount (Gold member 20 %)");
        await Expect(checkout.Discount).ToHaveTextAsync("-$14.40");
        await Expect(checkout.Total).ToHaveTextAsync("$62.60");
    });
}
