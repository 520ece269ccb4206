using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data.Identity;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration;

/// <summary>Two-factor sign-in with an authenticator app, and the admin area's demand for it.</summary>
public sealed partial class TwoFactorTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task TheDevAdmin_NeedsACodeAfterThePassword_AndAWrongCodeLetsNobodyIn()
    {
        using var admin = new ShopperClient(app);
        var (password, _) = await AccountTests.SignIn(admin, "admin@storefront.local", "Admin!23456");
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var codePage = password.Headers.Location!.OriginalString;
        Assert.StartsWith("/Identity/Account/LoginWith2fa", codePage);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/Admin")).Response.StatusCode);

        var (wrong, _) = await admin.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["Input.TwoFactorCode"] = WrongCode() });
        Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.True((int)wrong.StatusCode < 500);
        var (stillOut, _) = await admin.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
        Assert.Contains("/Identity/Account/Login", stillOut.Headers.Location!.OriginalString);

        var (right, _) = await admin.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Code(Totp.DevAdminKey) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin")).Response.StatusCode);
    }

    [Fact]
    public async Task AnAdminWithoutTwoFactor_IsSentToSetItUp_EnrolsWithTheQrCodesKey_AndThenGetsIn()
    {
        await CreateUserAsync("new.admin@example.com", "Admin!pass-2", Roles.Admin);
        using var admin = new ShopperClient(app);
        var (signedIn, _) = await AccountTests.SignIn(admin, "new.admin@example.com", "Admin!pass-2");
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);

        var (denied, _) = await admin.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Identity/Account/Manage/TwoFactorAuthentication", denied.Headers.Location!.OriginalString);
        var twoFactor = await admin.FollowAsync(denied);
        Assert.Equal(HttpStatusCode.OK, twoFactor.StatusCode);
        var twoFactorPage = await BrowserForm.ParseAsync(twoFactor);
        Assert.Contains("The admin area needs two-factor sign-in", twoFactorPage.Body!.TextContent);

        var (enable, enablePage) = await admin.GetAsync("/Identity/Account/Manage/EnableAuthenticator");
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.StartsWith("data:image/png;base64,", enablePage.QuerySelector(".qr-code img")!.GetAttribute("src"));
        var uri = enablePage.QuerySelector(".authenticator-uri")!.GetAttribute("data-url")!;
        var key = SecretParameter().Match(uri).Groups[1].Value;
        Assert.Equal(key.ToLowerInvariant(), enablePage.QuerySelector(".shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal));

        var (wrong, _) = await admin.SubmitAsync("/Identity/Account/Manage/EnableAuthenticator", "#send-code", new Dictionary<string, string> { ["Input.Code"] = "12345x" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        var (verified, _) = await admin.SubmitAsync("/Identity/Account/Manage/EnableAuthenticator", "#send-code", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.EndsWith("/ShowRecoveryCodes", verified.Headers.Location!.OriginalString);
        var (codes, codesPage) = await admin.GetAsync(verified.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, codes.StatusCode);
        Assert.Equal(10, codesPage.QuerySelectorAll("code.recovery-code").Length);

        // The session that enrolled is a two-factor session now; a fresh sign-in asks for the code.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin")).Response.StatusCode);
        using var again = new ShopperClient(app);
        var (password, _) = await AccountTests.SignIn(again, "new.admin@example.com", "Admin!pass-2");
        Assert.StartsWith("/Identity/Account/LoginWith2fa", password.Headers.Location!.OriginalString);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>().FindByEmailAsync("new.admin@example.com");
        Assert.True(user!.TwoFactorEnabled);
    }

    [Fact]
    public async Task ARecoveryCode_SignsInOnce()
    {
        await CreateUserAsync("recovering@example.com", "Shopper!pass-3", Roles.Customer);
        string code;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
            var user = (await users.FindByEmailAsync("recovering@example.com"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.First();
        }

        for (var round = 0; round < 2; round++)
        {
            using var shopper = new ShopperClient(app);
            var (password, _) = await AccountTests.SignIn(shopper, "recovering@example.com", "Shopper!pass-3");
            var (recovery, _) = await shopper.SubmitAsync("/Identity/Account/LoginWithRecoveryCode", "main form",
                new Dictionary<string, string> { ["Input.RecoveryCode"] = code });
            Assert.StartsWith("/Identity/Account/LoginWith2fa", password.Headers.Location!.OriginalString);
            Assert.Equal(round == 0 ? HttpStatusCode.Redirect : HttpStatusCode.OK, recovery.StatusCode);
        }
    }

    private static string WrongCode() => ((int.Parse(Totp.Code(Totp.DevAdminKey), System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private async Task CreateUserAsync(string email, string password, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var user = new ShopUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, role);
    }

    [GeneratedRegex("secret=([A-Z2-7]+)")]
    private static partial Regex SecretParameter();
}
