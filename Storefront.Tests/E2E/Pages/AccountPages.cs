using Microsoft.Playwright;

namespace Storefront.Tests.E2E.Pages;

/// <summary>The sign-in page and Identity's two-factor code page that may follow it.</summary>
public sealed class SignInPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/Identity/Account/Login");

    public async Task SubmitAsync(string email, string password)
    {
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    public ILocator Alert => page.Locator("form.account-form [role=alert]");

    /// <summary>Identity's own page: its code field and its one submit button.</summary>
    public async Task EnterCodeAsync(string code)
    {
        await page.Locator("input[name='Input.TwoFactorCode']").FillAsync(code);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }
}

/// <summary>Registration, and the account's manage pages the journeys use.</summary>
public sealed class AccountPages(IPage page)
{
    public async Task RegisterAsync(string email, string password)
    {
        await page.GotoAsync("/Identity/Account/Register");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
    }

    public async Task RequestPasswordResetAsync(string email)
    {
        await page.GotoAsync("/Identity/Account/ForgotPassword");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    public async Task ResetPasswordAsync(string link, string email, string password)
    {
        await page.GotoAsync(link);
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.Locator("input[name='Input.ConfirmPassword']").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    public ILocator QrCode => page.Locator(".qr-code img");

    public async Task<string> AuthenticatorKeyAsync() =>
        (await page.Locator(".shared-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    public async Task VerifyAuthenticatorAsync(string code)
    {
        await page.GetByLabel("Verification code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
    }

    public ILocator RecoveryCodes => page.Locator("code.recovery-code");
}
