using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Data.Identity;

namespace Storefront.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Password sign-in. Failures count towards lockout; accounts with two-factor sign-in continue on Identity's
/// code page. The visitor's cart joins the account's cart when the sign-in completes (the cookie's OnSignedIn).
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<ShopUser> signIn, IOptions<IdentityOptions> identity) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set when the e-mail is not confirmed yet, to offer a new confirmation mail.</summary>
    public bool OfferResendConfirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
        }

        // A half-finished external or two-factor sign-in from earlier must not carry over.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
        }

        if (!ModelState.IsValid)
        {
            return Failed(null);
        }

        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl = ReturnUrls.Safe(Url, ReturnUrl), Input.RememberMe });
        }

        if (result.IsNotAllowed)
        {
            OfferResendConfirmation = true;
            return Failed("Confirm your e-mail address first: open the link in the mail we sent when you registered.");
        }

        return Failed(result.IsLockedOut
            ? $"Too many failed attempts: the account is locked for {identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes."
            : "E-mail or password is not right.");
    }

    private PageResult Failed(string? message)
    {
        if (message is not null)
        {
            ModelState.AddModelError(string.Empty, message);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed class LoginInput
    {
        [Required, EmailAddress, Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }
}
