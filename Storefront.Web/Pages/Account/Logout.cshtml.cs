using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Data.Identity;

namespace Storefront.Web.Pages.Account;

/// <summary>Sign-out is a POST (antiforgery-protected) so a link on another site cannot sign shoppers out.</summary>
public sealed class LogoutModel(SignInManager<ShopUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
