using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Data.Checkouts;
using Storefront.Data.Identity;
using Storefront.Data.Orders;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration;

/// <summary>Flows that go through a mailed link (password reset, e-mail change), password change, personal data.</summary>
public sealed class AccountMailTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task AForgottenPassword_IsResetThroughTheMailedLink_WhichWorksOnce()
    {
        await CreateCustomerAsync("forgetful@example.com", "Old!pass-123");
        using var shopper = new ShopperClient(app);
        var (asked, _) = await shopper.SubmitAsync("/Identity/Account/ForgotPassword", "main form", new Dictionary<string, string> { ["Input.Email"] = "forgetful@example.com" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);

        var mail = await app.Mail.LatestAsync("forgetful@example.com", "Reset");
        Assert.Equal("Reset your Storefront password", mail.Subject);
        Assert.Contains("/Identity/Account/ResetPassword?", mail.TextBody);
        var link = Mailbox.Link(mail, "/Identity/Account/ResetPassword");
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = "forgetful@example.com",
            ["Input.Password"] = "New!pass-456",
            ["Input.ConfirmPassword"] = "New!pass-456",
        };
        var (reset, _) = await shopper.SubmitAsync(link, "main form", fields);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("ResetPasswordConfirmation", reset.Headers.Location!.OriginalString);

        fields["Input.Password"] = fields["Input.ConfirmPassword"] = "Third!pass-789";
        var (again, againPage) = await shopper.SubmitAsync(link, "main form", fields);
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Invalid token", againPage.Body!.TextContent);

        Assert.Equal(HttpStatusCode.BadRequest, (await AccountTests.SignIn(shopper, "forgetful@example.com", "Old!pass-123")).Response.StatusCode);
        await shopper.SignInAsync("forgetful@example.com", "New!pass-456");
    }

    [Fact]
    public async Task ForgotPasswordForAnUnknownAddress_LooksTheSame_AndSendsNothing()
    {
        using var shopper = new ShopperClient(app);
        var (asked, _) = await shopper.SubmitAsync("/Identity/Account/ForgotPassword", "main form", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com" });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Empty(await app.Mail.ToAsync("nobody@example.com"));
    }

    [Fact]
    public async Task ChangingTheEmail_TakesEffectOnlyThroughTheLinkMailedToTheNewAddress_AndChangingThePasswordWorks()
    {
        await CreateCustomerAsync("moving@example.com", "Move!pass-123");
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("moving@example.com", "Move!pass-123");

        var (_, emailPage) = await shopper.GetAsync("/Identity/Account/Manage/Email");
        var emailForm = emailPage.QuerySelector<IHtmlFormElement>("#email-form")!;
        var asked = await shopper.Http.PostAsync("/Identity/Account/Manage/Email?handler=ChangeEmail",
            BrowserForm.Content(emailForm, new Dictionary<string, string> { ["Input.NewEmail"] = "moved@example.com" }));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Empty(await app.Mail.ToAsync("moving@example.com"));
        var link = Mailbox.Link(await app.Mail.LatestAsync("moved@example.com", "Confirm"), "/Identity/Account/ConfirmEmailChange");
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync(link)).Response.StatusCode);

        var (changed, _) = await shopper.SubmitAsync("/Identity/Account/Manage/ChangePassword", "#change-password-form", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = "Move!pass-123",
            ["Input.NewPassword"] = "Moved!pass-456",
            ["Input.ConfirmPassword"] = "Moved!pass-456",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        using var later = new ShopperClient(app);
        await later.SignInAsync("moved@example.com", "Moved!pass-456");
        Assert.Equal(HttpStatusCode.BadRequest, (await AccountTests.SignIn(new ShopperClient(app), "moving@example.com", "Move!pass-123")).Response.StatusCode);
    }

    [Fact]
    public async Task PersonalData_CanBeDownloaded_AndDeletingTheAccountKeepsItsOrdersAnonymised()
    {
        var userId = await CreateCustomerAsync("leaving@example.com", "Leave!pass-123");
        var orderId = await CreatePaidOrderAsync(userId, "leaving@example.com");
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("leaving@example.com", "Leave!pass-123");

        var (_, personalData) = await shopper.GetAsync("/Identity/Account/Manage/PersonalData");
        var (download, _) = await shopper.PostAsync(personalData.QuerySelector<IHtmlFormElement>("#download-data")!, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        Assert.Equal("leaving@example.com", json.RootElement.GetProperty("account").GetProperty("Email").GetString());
        var order = Assert.Single(json.RootElement.GetProperty("orders").EnumerateArray());
        Assert.Equal(4200, order.GetProperty("total").GetInt64());

        var (wrongPassword, _) = await shopper.SubmitAsync("/Identity/Account/Manage/DeletePersonalData", "#delete-user", new Dictionary<string, string> { ["Input.Password"] = "nope" });
        Assert.NotEqual(HttpStatusCode.Redirect, wrongPassword.StatusCode);
        var (deleted, _) = await shopper.SubmitAsync("/Identity/Account/Manage/DeletePersonalData", "#delete-user", new Dictionary<string, string> { ["Input.Password"] = "Leave!pass-123" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.Id == userId));
        var kept = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.Id == orderId);
        Assert.Null(kept.UserId);
        Assert.Equal(Order.ErasedEmail, kept.Email);
        Assert.Equal(4200, kept.Total);
        Assert.Single(kept.Lines);
        var checkout = await db.Checkouts.SingleAsync(c => c.Id == kept.CheckoutId);
        Assert.Null(checkout.CustomerEmail);
        Assert.Null(checkout.UserId);
        Assert.DoesNotContain(userId, checkout.OwnerKey);
        Assert.False(await db.Orders.AnyAsync(o => o.Email == "leaving@example.com"));
    }

    [Fact]
    public async Task TheDevelopmentMailPage_ListsAndShowsMail_AndRejectsPathsOutsideTheFolder()
    {
        using var visitor = new ShopperClient(app);
        await AccountTests.Register(visitor, "listed@example.com", "Listed!pass-1");

        var (list, page) = await visitor.GetAsync("/dev/mail");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var row = page.QuerySelectorAll(".mail-list tbody tr").First(r => r.TextContent.Contains("listed@example.com"));
        var (one, message) = await visitor.GetAsync(row.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("/Identity/Account/ConfirmEmail", message.QuerySelector(".mail-links a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/dev/mail/..%2F..%2Fappsettings")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/dev/mail/nope")).Response.StatusCode);
    }

    private async Task<string> CreateCustomerAsync(string email, string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var user = new ShopUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Customer);
        return user.Id;
    }

    private async Task<Guid> CreatePaidOrderAsync(string userId, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var now = DateTimeOffset.UtcNow;
        var checkout = new Checkout($"user:{userId}", userId, "usd", CheckoutMode.Payment, now, now.AddMinutes(30));
        checkout.SetCustomerEmail(email);
        db.Checkouts.Add(checkout);
        var order = new Order(checkout.Id, "cs_test_" + Guid.NewGuid().ToString("N"), userId, email, "usd", new OrderTotals(3700, 0, 500, 0, 4200), now);
        order.AddLine(new OrderLine((await db.Products.FirstAsync()).Id, "Cold Brew Bottle", 1850, 2, Storefront.Data.Catalog.BillingInterval.None, 0, 0, 3700));
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }
}
