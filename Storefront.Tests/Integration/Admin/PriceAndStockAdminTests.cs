using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Storefront.Data.Inventory;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

public sealed class PriceAndStockAdminTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task ChangingAnAmount_CreatesANewPrice_AndDeactivatesTheOld()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("house-blend-beans");
        var old = Assert.Single(product.Prices);

        var (response, _) = await admin.SubmitAsync($"/Admin/Products/Prices/{product.Id}", "form.change-price", new()
        {
            ["Change.Amount"] = "26.50",
            ["Change.LookupKey"] = "house-blend-beans-2650",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.FollowAsync(response);
        Assert.Contains("now costs $26.50", page.QuerySelector(".notice")!.TextContent);
        var prices = (await app.ProductAsync("house-blend-beans")).Prices.OrderBy(p => p.Id).ToList();
        Assert.Equal(2, prices.Count);
        Assert.Equal((old.Id, 2400L, false), (prices[0].Id, prices[0].UnitAmount, prices[0].IsActive));
        Assert.Equal((2650L, true, "usd", "house-blend-beans-2650"), (prices[1].UnitAmount, prices[1].IsActive, prices[1].Currency, prices[1].LookupKey));
        var audit = Assert.Single(await app.AuditAsync("Price", prices[1].Id.ToString()));
        Assert.Equal(("price.changed", AdminClient.AdminEmail), (audit.Action, audit.Actor));
        Assert.Equal(2400, JsonDocument.Parse(audit.Before!).RootElement.GetProperty("unitAmount").GetInt64());
        Assert.Equal(2650, JsonDocument.Parse(audit.After!).RootElement.GetProperty("unitAmount").GetInt64());
    }

    [Fact]
    public async Task ATakenLookupKey_Is400_WithAMessage_AndNoPriceIsAdded()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("ethiopia-yirgacheffe");

        var (response, page) = await admin.SubmitAsync($"/Admin/Products/Prices/{product.Id}", "form.add-price", new()
        {
            ["Input.Amount"] = "21.00",
            ["Input.LookupKey"] = "french-press",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The lookup key 'french-press' is already used by another price.", page.QuerySelector("[data-valmsg-for='Input.LookupKey']")!.TextContent.Trim());
        Assert.Single((await app.ProductAsync("ethiopia-yirgacheffe")).Prices);
    }

    [Fact]
    public async Task AddingAPrice_InAnotherCurrency_Works_AndTooManyDecimalsIs400()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("pour-over-dripper");

        var (rejected, page) = await admin.SubmitAsync($"/Admin/Products/Prices/{product.Id}", "form.add-price", new() { ["Input.Currency"] = "jpy", ["Input.Amount"] = "4800.5" });
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("at most 0 decimals", page.QuerySelector("[data-valmsg-for='Input.Amount']")!.TextContent);

        var (response, _) = await admin.SubmitAsync($"/Admin/Products/Prices/{product.Id}", "form.add-price", new() { ["Input.Currency"] = "jpy", ["Input.Amount"] = "4800" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var prices = (await app.ProductAsync("pour-over-dripper")).Prices;
        Assert.Contains(prices, p => p.Currency == "jpy" && p.UnitAmount == 4800 && p.IsActive);
    }

    [Fact]
    public async Task APriceChangeOnAStaleProductPage_Is409_AndNothingChanges()
    {
        using var first = await AdminClient.SignedInAsync(app);
        using var second = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("burr-grinder");
        var url = $"/Admin/Products/Prices/{product.Id}";
        var firstForm = AdminClient.Form(await first.GetOkAsync(url), "form.change-price");
        var secondForm = AdminClient.Form(await second.GetOkAsync(url), "form.change-price");

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(firstForm, new() { ["Change.Amount"] = "119.00" })).Response.StatusCode);
        var (conflict, page) = await second.PostAsync(secondForm, new() { ["Change.Amount"] = "139.00" });

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("Someone else changed this price while you were editing", page.QuerySelector("[role=alert]")!.TextContent);
        var active = (await app.ProductAsync("burr-grinder")).Prices.Where(p => p.IsActive).Select(p => p.UnitAmount);
        Assert.Equal([11900L], active);
    }

    [Fact]
    public async Task TheStockPage_ShowsOnHandHeldAndAvailable()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("gooseneck-kettle");
        await app.EnsureOrderAsync(slug: "gooseneck-kettle", quantity: 2);

        var page = await admin.GetOkAsync($"/Admin/Products/Stock/{product.Id}");

        Assert.Equal(("10", "2", "8"), (page.QuerySelector(".stock-on-hand")!.TextContent, page.QuerySelector(".stock-held")!.TextContent, page.QuerySelector(".stock-available")!.TextContent));
    }

    [Fact]
    public async Task AdjustingStock_ByADeltaWithAReason_IsStoredAndAudited()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("french-press");

        var (response, _) = await admin.SubmitAsync($"/Admin/Products/Stock/{product.Id}", "form.stock-form", new() { ["Input.Delta"] = "-2", ["Input.Reason"] = "Two broken in the warehouse" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(10, await OnHandAsync(product.Id));
        var audit = Assert.Single(await app.AuditAsync("StockLevel", product.Id.ToString()));
        Assert.Equal("stock.adjusted", audit.Action);
        Assert.Equal(12, JsonDocument.Parse(audit.Before!).RootElement.GetProperty("onHand").GetInt32());
        var after = JsonDocument.Parse(audit.After!).RootElement;
        Assert.Equal((10, "Two broken in the warehouse"), (after.GetProperty("onHand").GetInt32(), after.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task AdjustingStockBelowZero_OrWithoutAReason_Is400_AndStockIsUnchanged()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("decaf-sugarcane");

        var (response, page) = await admin.SubmitAsync($"/Admin/Products/Stock/{product.Id}", "form.stock-form", new() { ["Input.Delta"] = "-4", ["Input.Reason"] = "Count" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot go below zero", page.QuerySelector("[data-valmsg-for='Input.Delta']")!.TextContent);

        (response, page) = await admin.SubmitAsync($"/Admin/Products/Stock/{product.Id}", "form.stock-form", new() { ["Input.Delta"] = "5", ["Input.Reason"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Enter a reason for the adjustment.", page.QuerySelector("[data-valmsg-for='Input.Reason']")!.TextContent.Trim());

        Assert.Equal(3, await OnHandAsync(product.Id));
        Assert.Empty(await app.AuditAsync("StockLevel", product.Id.ToString()));
    }

    [Fact]
    public async Task AStaleStockForm_Is409()
    {
        using var first = await AdminClient.SignedInAsync(app);
        using var second = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("ethiopia-yirgacheffe");
        var url = $"/Admin/Products/Stock/{product.Id}";
        var firstForm = AdminClient.Form(await first.GetOkAsync(url), "form.stock-form");
        var secondForm = AdminClient.Form(await second.GetOkAsync(url), "form.stock-form");

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(firstForm, new() { ["Input.Delta"] = "-5", ["Input.Reason"] = "Sold at market" })).Response.StatusCode);
        var (conflict, _) = await second.PostAsync(secondForm, new() { ["Input.Delta"] = "-25", ["Input.Reason"] = "Write-off" });

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(20, await OnHandAsync(product.Id));
    }

    [Fact]
    public async Task APhysicalProductWithoutAStockRow_GetsOneOnItsFirstAdjustment()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var (created, _) = await admin.SubmitAsync("/Admin/Products/Edit", "form.product-form", new()
        {
            ["Input.Slug"] = "cold-brew-jar", ["Input.Name"] = "Cold Brew Jar", ["Input.Category"] = "Brewing", ["Input.Kind"] = "Physical",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var product = await app.ProductAsync("cold-brew-jar");
        var page = await admin.GetOkAsync($"/Admin/Products/Stock/{product.Id}");
        Assert.Equal("0", page.QuerySelector(".stock-on-hand")!.TextContent);

        var (negative, _) = await admin.SubmitAsync($"/Admin/Products/Stock/{product.Id}", "form.stock-form", new() { ["Input.Delta"] = "-1", ["Input.Reason"] = "Oops" });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        var (response, _) = await admin.SubmitAsync($"/Admin/Products/Stock/{product.Id}", "form.stock-form", new() { ["Input.Delta"] = "24", ["Input.Reason"] = "First delivery" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(24, await OnHandAsync(product.Id));
        var audit = Assert.Single(await app.AuditAsync("StockLevel", product.Id.ToString()));
        Assert.Null(audit.Before);
    }

    [Fact]
    public async Task ADigitalProduct_IsNotStockTracked_AndAnAdjustmentIs400()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("brewing-masterclass");

        var page = await admin.GetOkAsync($"/Admin/Products/Stock/{product.Id}");
        Assert.NotNull(page.QuerySelector(".stock-untracked"));
        Assert.Null(page.QuerySelector("form.stock-form"));

        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await admin.Http.PostAsync($"/Admin/Products/Stock/{product.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Delta"] = "5", ["Input.Reason"] = "Crafted", ["Input.Version"] = "0",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Set<StockLevel>().AnyAsync(s => s.ProductId == product.Id)));
    }

    private Task<int> OnHandAsync(int productId) =>
        app.QueryAsync(db => db.Set<StockLevel>().Where(s => s.ProductId == productId).Select(s => s.OnHand).SingleAsync());
}
