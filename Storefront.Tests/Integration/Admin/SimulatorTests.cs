using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

public sealed class SimulatorTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task AGoldCustomerInNewYork_GetsTierAndThresholdDiscounts_FreeShippingAndTax()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var (grinder, gold) = await IdsAsync("burr-grinder", "Gold");

        var page = await admin.GetOkAsync($"/Admin/Simulator?Lines[0].PriceId={grinder}&Lines[0].Quantity=1&TierId={gold}&Country=US&State=NY");

        var reasons = page.QuerySelectorAll(".sim-adjustment").Select(a => a.GetAttribute("data-reason")).ToList();
        Assert.Contains("LoyaltyTier", reasons);
        Assert.Contains("CartThreshold", reasons);
        Assert.Contains("FreeShipping", reasons);
        // 129.00 − (12.90 tier + 12.90 over-100) = 103.20; + 8.875 % New York tax 9.16; standard shipping free over 75.
        Assert.Equal("$25.80", page.QuerySelector(".sim-discount-total")!.TextContent.Trim());
        Assert.Equal("$112.36", page.QuerySelector(".sim-total")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnExpiredCodeOnThePastDate_IsExplained_AndAppliesInsideItsWindow()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var (kettle, _) = await IdsAsync("gooseneck-kettle", "Gold");

        var today = await admin.GetOkAsync($"/Admin/Simulator?Lines[0].PriceId={kettle}&Lines[0].Quantity=1&Code=SUMMER25");
        Assert.Equal("Code SUMMER25 has expired.", today.QuerySelector(".sim-code")!.TextContent.Trim());

        var inSummer = await admin.GetOkAsync($"/Admin/Simulator?Lines[0].PriceId={kettle}&Lines[0].Quantity=1&Code=SUMMER25&At=2025-07-01T12:00");
        Assert.Contains("PromoCode", inSummer.QuerySelectorAll(".sim-adjustment").Select(a => a.GetAttribute("data-reason")));
        Assert.Equal("$14.75", inSummer.QuerySelector(".sim-discount-total")!.TextContent.Trim());
    }

    [Fact]
    public async Task ABadQuantity_Is400_AndShowsNoResult()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var (kettle, _) = await IdsAsync("gooseneck-kettle", "Gold");

        var (response, page) = await admin.GetAsync($"/Admin/Simulator?Lines[0].PriceId={kettle}&Lines[0].Quantity=500");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(page.QuerySelector(".simulation"));
    }

    private async Task<(int PriceId, int TierId)> IdsAsync(string slug, string tier)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var price = await db.Prices.Where(p => p.Product.Slug == slug && p.IsActive).Select(p => p.Id).FirstAsync();
        var tierId = await db.LoyaltyTiers.Where(t => t.Name == tier).Select(t => t.Id).SingleAsync();
        return (price, tierId);
    }
}
