using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Storefront.Data.Promotions;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

public sealed class PromotionAdminTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    private const string NewUrl = "/Admin/Promotions/Edit";
    private const string Form = "form.promotion-form";

    [Fact]
    public async Task ACodePromotion_IsCreatedWithAnUpperCaseCode_AndAudited()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, _) = await admin.SubmitAsync(NewUrl, Form, new()
        {
            ["Input.Name"] = "Black Friday", ["Input.Kind"] = "Code", ["Input.DiscountType"] = "Amount", ["Input.AmountOff"] = "15.00",
            ["Input.Code"] = "bf2026", ["Input.RedemptionLimit"] = "100", ["Input.StartsAt"] = "2026-11-27T00:00", ["Input.EndsAt"] = "2026-11-30T23:59",
            ["Input.Threshold"] = "50",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.FollowAsync(response);
        Assert.Equal("Promotion \"Black Friday\" created.", page.QuerySelector(".notice")!.TextContent.Trim());
        var stored = await PromotionAsync("Black Friday");
        Assert.Equal((PromotionKind.Code, DiscountType.Amount, 1500L, "BF2026", 100), (stored.Kind, stored.DiscountType, stored.AmountOff, stored.Code, stored.RedemptionLimit));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), stored.StartsAt);
        Assert.Null(stored.ThresholdAmount);
        var audit = Assert.Single(await app.AuditAsync("Promotion", stored.Id.ToString()));
        Assert.Equal(("promotion.created", AdminClient.AdminEmail), (audit.Action, audit.Actor));
        Assert.Contains("\"code\":\"BF2026\"", audit.After);
    }

    [Fact]
    public async Task EachKind_RequiresItsOwnField()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        (string Kind, string Field, string Message)[] cases =
        [
            ("CartThreshold", "Input.Threshold", "A cart-threshold promotion needs a threshold."),
            ("TimeWindow", "Input.StartsAt", "A time-window promotion needs a start."),
            ("Region", "Input.Country", "A region promotion needs a country."),
            ("CustomerSpecific", "Input.CustomerEmail", "A customer-specific promotion needs the customer's e-mail."),
            ("Code", "Input.Code", "A code promotion needs a code."),
        ];
        foreach (var (kind, field, message) in cases)
        {
            var (response, page) = await admin.SubmitAsync(NewUrl, Form, new()
            {
                ["Input.Name"] = "Missing " + kind, ["Input.Kind"] = kind, ["Input.DiscountType"] = "Percent", ["Input.PercentOff"] = "10",
            });

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim());
        }

        Assert.False(await app.QueryAsync(db => db.Promotions.AnyAsync(p => p.Name.StartsWith("Missing"))));
    }

    [Theory]
    [InlineData("Percent", "0", "", "Input.PercentOff", "Percent off is between 1 and 100.")]
    [InlineData("Percent", "101", "", "Input.PercentOff", "Percent off is between 1 and 100.")]
    [InlineData("Amount", "", "0", "Input.AmountOff", "Amount off must be above zero.")]
    [InlineData("Amount", "", "-5", "Input.AmountOff", "Amount off must be above zero.")]
    public async Task DiscountOutOfRange_Is400(string type, string percent, string amount, string field, string message)
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, page) = await admin.SubmitAsync(NewUrl, Form, new()
        {
            ["Input.Name"] = "Bad discount", ["Input.Kind"] = "Region", ["Input.Country"] = "US",
            ["Input.DiscountType"] = type, ["Input.PercentOff"] = percent, ["Input.AmountOff"] = amount,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim());
        Assert.False(await app.QueryAsync(db => db.Promotions.AnyAsync(p => p.Name == "Bad discount")));
    }

    [Theory]
    [InlineData("2026-12-01T00:00", "2026-12-01T00:00")]
    [InlineData("2026-12-02T00:00", "2026-12-01T00:00")]
    public async Task AWindowThatDoesNotEndAfterItStarts_Is400(string starts, string ends)
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, page) = await admin.SubmitAsync(NewUrl, Form, new()
        {
            ["Input.Name"] = "Backwards", ["Input.Kind"] = "TimeWindow", ["Input.DiscountType"] = "Percent", ["Input.PercentOff"] = "10",
            ["Input.StartsAt"] = starts, ["Input.EndsAt"] = ends,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A promotion must end after it starts.", page.QuerySelector("[data-valmsg-for='Input.EndsAt']")!.TextContent.Trim());
        Assert.False(await app.QueryAsync(db => db.Promotions.AnyAsync(p => p.Name == "Backwards")));
    }

    [Fact]
    public async Task ADuplicateCode_IgnoringCase_Is400()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, page) = await admin.SubmitAsync(NewUrl, Form, new()
        {
            ["Input.Name"] = "Copycat", ["Input.Kind"] = "Code", ["Input.DiscountType"] = "Percent", ["Input.PercentOff"] = "5", ["Input.Code"] = "welcome10",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The code WELCOME10 is already used by another promotion.", page.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent.Trim());
        Assert.Equal(1, await app.QueryAsync(db => db.Promotions.CountAsync(p => p.Code == "WELCOME10")));
    }

    [Fact]
    public async Task ACustomerSpecificPromotion_StoresTheUserIdOfTheEmail_AndUnknownEmailsAre400()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Apology", ["Input.Kind"] = "CustomerSpecific", ["Input.DiscountType"] = "Percent", ["Input.PercentOff"] = "20",
            ["Input.CustomerEmail"] = "nobody@example.test",
        };

        var (rejected, page) = await admin.SubmitAsync(NewUrl, Form, fields);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal("No customer has the e-mail nobody@example.test.", page.QuerySelector("[data-valmsg-for='Input.CustomerEmail']")!.TextContent.Trim());

        fields["Input.CustomerEmail"] = "Shopper@Storefront.local";
        var (response, _) = await admin.SubmitAsync(NewUrl, Form, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var shopperId = await app.QueryAsync(db => db.Users.Where(u => u.Email == AdminClient.ShopperEmail).Select(u => u.Id).SingleAsync());
        Assert.Equal(shopperId, (await PromotionAsync("Apology")).CustomerUserId);

        var edit = await admin.GetOkAsync($"/Admin/Promotions/Edit/{(await PromotionAsync("Apology")).Id}");
        Assert.Equal(AdminClient.ShopperEmail, edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.CustomerEmail']")!.Value);
    }

    [Fact]
    public async Task EditingAStaleForm_Is409_AndKeepsTheFirstSave()
    {
        using var first = await AdminClient.SignedInAsync(app);
        using var second = await AdminClient.SignedInAsync(app);
        var canada = await PromotionAsync("Canada launch");
        var url = $"/Admin/Promotions/Edit/{canada.Id}";
        var firstForm = AdminClient.Form(await first.GetOkAsync(url), Form);
        var secondForm = AdminClient.Form(await second.GetOkAsync(url), Form);

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(firstForm, new() { ["Input.PercentOff"] = "7" })).Response.StatusCode);
        var (conflict, page) = await second.PostAsync(secondForm, new() { ["Input.PercentOff"] = "50" });

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("Someone else changed this promotion while you were editing. Reload to see their changes.", page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(7, (await PromotionAsync("Canada launch")).PercentOff);
        Assert.Equal("CA", (await PromotionAsync("Canada launch")).Country);
    }

    [Fact]
    public async Task DeactivatingAPromotion_IsAudited()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var threshold = await PromotionAsync("Spend 100, save 10 %");

        var (response, _) = await admin.SubmitAsync($"/Admin/Promotions/Edit/{threshold.Id}", "form.activation", new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await PromotionAsync("Spend 100, save 10 %")).IsActive);
        var audit = Assert.Single(await app.AuditAsync("Promotion", threshold.Id.ToString()));
        Assert.Equal("promotion.deactivated", audit.Action);
        Assert.Contains("\"isActive\":true", audit.Before);
        Assert.Contains("\"isActive\":false", audit.After);
    }

    private Task<Promotion> PromotionAsync(string name) => app.QueryAsync(db => db.Promotions.AsNoTracking().SingleAsync(p => p.Name == name));
}
