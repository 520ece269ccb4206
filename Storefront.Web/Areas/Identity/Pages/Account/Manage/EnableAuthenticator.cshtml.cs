using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;
using Storefront.Data.Identity;
using Storefront.Web.Accounts;
using Storefront.Web.Infrastructure;

namespace Storefront.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Adds an authenticator app: the shared key as a QR code (and as text), then one code to prove the app has it.
/// Recovery codes follow on Identity's ShowRecoveryCodes page (the TempData keys are that page's).
/// </summary>
public sealed class EnableAuthenticatorModel(UserManager<ShopUser> users, SignInManager<ShopUser> signIn, IOptions<ShopOptions> shop) : PageModel
{
    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    /// <summary>The URI as a PNG QR code, inlined as a data URI (no request leaves the shop).</summary>
    public string QrCodeDataUri { get; private set; } = "";

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return await FailedAsync(user);
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "That code is not right. Enter the 6 digits your app shows now.");
            return await FailedAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, true);

        // The shopper just presented the password (their session) and a code: this session is now a two-factor one,
        // so a merchant can open the admin area without signing in again.
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(user, current.Properties ?? new AuthenticationProperties(),
            [new Claim(AdminTwoFactorRequirement.AmrClaim, AdminTwoFactorRequirement.MultiFactor)]);

        StatusMessage = "Your authenticator app has been verified.";
        if (await users.CountRecoveryCodesAsync(user) == 0)
        {
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray();
            return RedirectToPage("./ShowRecoveryCodes");
        }

        return RedirectToPage("./TwoFactorAuthentication");
    }

    private async Task<IActionResult> FailedAsync(ShopUser user)
    {
        await LoadKeyAsync(user);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadKeyAsync(ShopUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key after reset.");
        }

        SharedKey = Grouped(key);
        AuthenticatorUri = AuthenticatorUris.For(shop.Value.Name, await users.GetEmailAsync(user) ?? user.Id, key);
        using var data = QRCodeGenerator.GenerateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    /// <summary>Groups of four, lower case: easier to type into an app than one long run.</summary>
    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(text.Length > 0 ? " " : "").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return text.ToString().ToLowerInvariant();
    }

    public sealed class CodeInput
    {
        [Required, StringLength(7, MinimumLength = 6, ErrorMessage = "The code has 6 digits."), DataType(DataType.Text), Display(Name = "Verification code")]
        public string Code { get; set; } = "";
    }
}
