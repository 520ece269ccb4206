using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Storefront.Data.Loyalty;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

public sealed class LoyaltyAdminTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Theory]
    [InlineData("0", "none")]
    [InlineData("199.99", "none")]
    [InlineData("200.00", "Silver")]
    [InlineData("499.99", "Silver")]
    [InlineData("500", "Gold")]
    [InlineData("1499.99", "Gold")]
    [InlineData("1500.00", "Platinum")]
    [InlineData("99999", "Platinum")]
    public async Task ThePreview_AnswersTheTierOfALifetimeSpend(string spend, string tier)
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var page = await admin.GetOkAsync($"/Admin/Loyalty?spend={spend}");

        Assert.Equal(tier, page.QuerySelector(".preview-tier")!.TextContent.Trim());
        Assert.StartsWith("A customer with lifetime spend $", page.QuerySelector(".tier-preview-result")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.234")]
    public async Task AnInvalidPreviewSpend_Is400_WithAMessage(string spend)
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, page) = await admin.GetAsync($"/Admin/Loyalty?spend={spend}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-valmsg-for=spend]"));
        Assert.Null(page.QuerySelector(".tier-preview-result"));
    }

    [Fact]
    public async Task CreatingATier_AddsItToThePreview_AndDeletingRemovesIt()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, _) = await admin.SubmitAsync("/Admin/Loyalty/Edit", "form.tier-form", new()
        {
            ["Input.Name"] = "Bronze", ["Input.MinimumSpend"] = "50.00", ["Input.PercentOff"] = "2", ["Input.Cap"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var bronze = await TierAsync("Bronze");
        Assert.Equal((5000L, 2, (long?)null, "usd"), (bronze.MinimumLifetimeSpend, bronze.PercentOff, bronze.CapAmount, bronze.Currency));
        Assert.Equal("Bronze", (await admin.GetOkAsync("/Admin/Loyalty?spend=75")).QuerySelector(".preview-tier")!.TextContent.Trim());

        (response, _) = await admin.SubmitAsync($"/Admin/Loyalty/Edit/{bronze.Id}", "form.delete-tier", new());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.LoyaltyTiers.AnyAsync(t => t.Name == "Bronze")));
        Assert.Equal(["tier.created", "tier.deleted"], (await app.AuditAsync("LoyaltyTier", bronze.Id.ToString())).Select(a => a.Action));
        var deleted = (await app.AuditAsync("LoyaltyTier", bronze.Id.ToString())).Last();
        Assert.Contains("\"name\":\"Bronze\"", deleted.Before);
        Assert.Null(deleted.After);
    }

    [Theory]
    [InlineData("gold", "100", "5", "", "Input.Name", "There is already a tier called gold.")]
    [InlineData("Diamond", "500.00", "5", "", "Input.MinimumSpend", "Another tier already starts at $500.00.")]
    [InlineData("Diamond", "-1", "5", "", "Input.MinimumSpend", "The minimum lifetime spend is zero or more.")]
    [InlineData("Diamond", "3000", "101", "", "Input.PercentOff", "Percent off is between 0 and 100.")]
    [InlineData("Diamond", "3000", "-1", "", "Input.PercentOff", "Percent off is between 0 and 100.")]
    [InlineData("Diamond", "3000", "20", "0", "Input.Cap", "A cap must be above zero (or empty for none).")]
    [InlineData("", "3000", "20", "", "Input.Name", "Enter a name.")]
    public async Task AnInvalidTier_Is400_WithTheMessageNextToTheField(string name, string minimum, string percent, string cap, string field, string message)
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var count = await app.QueryAsync(db => db.LoyaltyTiers.CountAsync());

        var (response, page) = await admin.SubmitAsync("/Admin/Loyalty/Edit", "form.tier-form", new()
        {
            ["Input.Name"] = name, ["Input.MinimumSpend"] = minimum, ["Input.PercentOff"] = percent, ["Input.Cap"] = cap,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim());
        Assert.Equal(count, await app.QueryAsync(db => db.LoyaltyTiers.CountAsync()));
    }

    [Fact]
    public async Task EditingATier_KeepsItsOwnNameAndMinimum_AndAStaleEditIs409()
    {
        using var first = await AdminClient.SignedInAsync(app);
        using var second = await AdminClient.SignedInAsync(app);
        var silver = await TierAsync("Silver");
        var url = $"/Admin/Loyalty/Edit/{silver.Id}";
        var firstForm = AdminClient.Form(await first.GetOkAsync(url), "form.tier-form");
        var secondForm = AdminClient.Form(await second.GetOkAsync(url), "form.tier-form");

        var (saved, _) = await first.PostAsync(firstForm, new() { ["Input.PercentOff"] = "6" });
        var (conflict, page) = await second.PostAsync(secondForm, new() { ["Input.PercentOff"] = "9" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("Someone else changed this loyalty tier while you were editing. Reload to see their changes.", page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(6, (await TierAsync("Silver")).PercentOff);
        var audit = Assert.Single(await app.AuditAsync("LoyaltyTier", silver.Id.ToString()));
        Assert.Equal(("tier.updated", AdminClient.AdminEmail), (audit.Action, audit.Actor));
        Assert.Contains("\"percentOff\":5", audit.Before);
        Assert.Contains("\"percentOff\":6", audit.After);
    }

    [Fact]
    public async Task DeletingWithAStaleVersion_Is409_AndTheTierStays()
    {
        using var first = await AdminClient.SignedInAsync(app);
        using var second = await AdminClient.SignedInAsync(app);
        var platinum = await TierAsync("Platinum");
        var url = $"/Admin/Loyalty/Edit/{platinum.Id}";
        var deleteForm = AdminClient.Form(await second.GetOkAsync(url), "form.delete-tier");
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(url, "form.tier-form", new() { ["Input.Cap"] = "60.00" })).Response.StatusCode);

        var (conflict, _) = await second.PostAsync(deleteForm, new());

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(6000L, (await TierAsync("Platinum")).CapAmount);
    }

    private Task<LoyaltyTier> TierAsync(string name) => app.QueryAsync(db => db.LoyaltyTiers.AsNoTracking().SingleAsync(t => t.Name == name));
}
