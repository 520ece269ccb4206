using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Storefront.Data.Identity;

namespace Storefront.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Creates a customer account and mails the confirmation link (Identity's ConfirmEmail page). With
/// Accounts:RequireConfirmedEmail off the new customer is signed in at once.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(UserManager<ShopUser> users, SignInManager<ShopUser> signIn, IEmailSender<ShopUser> mail) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
        }

        if (ModelState.IsValid)
        {
            var user = new ShopUser { UserName = Input.Email, Email = Input.Email };
            var created = await CreateAsync(user);
            if (created.Succeeded)
            {
                await users.AddToRoleAsync(user, Roles.Customer);
                await SendConfirmationAsync(user);
                if (users.Options.SignIn.RequireConfirmedAccount)
                {
                    return RedirectToPage("./RegisterConfirmation", new { email = Input.Email, returnUrl = ReturnUrls.Safe(Url, ReturnUrl) });
                }

                await signIn.SignInAsync(user, isPersistent: false);
                return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
            }

            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// Identity checks the address is free, then inserts; a double submit (or two tabs) can pass the check twice,
    /// and the database's unique user name refuses the second insert. That is the same answer as "taken", not a 500.
    /// </summary>
    private async Task<IdentityResult> CreateAsync(ShopUser user)
    {
        try
        {
            return await users.CreateAsync(user, Input.Password);
        }
        catch (DbUpdateException)
        {
            return IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(Input.Email));
        }
    }

    private async Task SendConfirmationAsync(ShopUser user)
    {
        // Identity's ConfirmEmail page expects the token Base64Url-encoded.
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = Url.Page("/Account/ConfirmEmail", pageHandler: null,
            values: new { area = "Identity", userId = user.Id, code = token, returnUrl = ReturnUrls.Safe(Url, ReturnUrl) },
            protocol: Request.Scheme)!;
        await mail.SendConfirmationLinkAsync(user, Input.Email, HtmlEncoder.Default.Encode(link));
    }

    public sealed class RegisterInput
    {
        [Required, EmailAddress, Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required, StringLength(100, MinimumLength = 8, ErrorMessage = "The password needs at least {2} characters."), DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [DataType(DataType.Password), Display(Name = "Confirm password"), Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
