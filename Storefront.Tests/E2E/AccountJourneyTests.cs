using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Data.Identity;
using Storefront.Tests.E2E.Infrastructure;
using Storefront.Tests.E2E.Pages;
using Storefront.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.E2E;

/// <summary>Account journeys in a browser, following the mails the app wrote to its pickup folder.</summary>
public sealed class AccountJourneyTests(AdminE2EFixture fixture, ITestOutputHelper output) : AdminE2ETest(fixture, output)
{
    [Fact]
    public Task Register_ConfirmFromTheMail_SignIn_ResetThePassword_SignInWithTheNewOne() => RunAsync(async page =>
    {
        // The old password is refused with a 400 page, which Chromium logs; any other error still fails the test.
        AllowConsoleError("status of 400");
        var account = new AccountPages(page);

        await account.RegisterAsync("journey@example.test", "Journey!pass-1");
        await Expect(page.Locator("main")).ToContainTextAsync("check your email");
        var confirm = Mailbox.Link(await Fixture.App.Mail.LatestAsync("journey@example.test", "Confirm"), "/Identity/Account/ConfirmEmail");
        await page.GotoAsync(confirm);
        await Expect(page.Locator("main")).ToContainTextAsync("Thank you for confirming your email");

        await Shop.SignInAsync(page, "journey@example.test", "Journey!pass-1");
        await Expect(page.Locator(".account-nav")).ToContainTextAsync("journey@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator(".account-nav")).ToContainTextAsync("Sign in");

        await account.RequestPasswordResetAsync("journey@example.test");
        var reset = Mailbox.Link(await Fixture.App.Mail.LatestAsync("journey@example.test", "Reset"), "/Identity/Account/ResetPassword");
        await account.ResetPasswordAsync(reset, "journey@example.test", "Journey!pass-2");
        await Expect(page.Locator("main")).ToContainTextAsync("Your password has been reset");

        var login = new SignInPage(page);
        await login.OpenAsync();
        await login.SubmitAsync("journey@example.test", "Journey!pass-1");
        await Expect(login.Alert).ToContainTextAsync("E-mail or password is not right.");
        await Shop.SignInAsync(page, "journey@example.test", "Journey!pass-2");
        await Expect(page.Locator(".account-nav")).ToContainTextAsync("journey@example.test");
    });

    [Fact]
    public Task ANewAdmin_IsAskedForTwoFactor_EnrolsAnAuthenticator_AndSignsInWithATimeBasedCode() => RunAsync(async page =>
    {
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
            var user = new ShopUser { UserName = "second.admin@example.test", Email = "second.admin@example.test", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, "Second!admin-1")).Succeeded);
            await users.AddToRoleAsync(user, Roles.Admin);
        }

        await Shop.SignInAsync(page, "second.admin@example.test", "Second!admin-1");
        await page.GotoAsync("/Admin");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Manage/TwoFactorAuthentication"));
        await Expect(page.Locator("main")).ToContainTextAsync("The admin area needs two-factor sign-in");

        await page.GotoAsync("/Identity/Account/Manage/EnableAuthenticator");
        var account = new AccountPages(page);
        await Expect(account.QrCode).ToBeVisibleAsync();
        var key = await account.AuthenticatorKeyAsync();
        await account.VerifyAuthenticatorAsync(Totp.Code(key));
        await Expect(account.RecoveryCodes).ToHaveCountAsync(10);

        await page.GotoAsync("/Admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();

        await using var freshContext = await NewContextAsync();
        var fresh = await freshContext.NewPageAsync();
        await Shop.SignInAsync(fresh, "second.admin@example.test", "Second!admin-1", key);
        await fresh.GotoAsync("/Admin");
        await Expect(fresh.GetByRole(AriaRole.Heading, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();
    });
}
