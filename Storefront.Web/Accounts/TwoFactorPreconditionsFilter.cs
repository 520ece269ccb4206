using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Storefront.Data.Identity;

namespace Storefront.Web.Accounts;

/// <summary>
/// Identity's two-factor pages assume how they were reached and throw otherwise (a 500): the code pages without a
/// password step in progress, "disable 2FA" and "new recovery codes" for an account without 2FA. Opened out of
/// order (a bookmark, the back button, a second tab), they send the visitor to where the flow starts instead.
/// </summary>
public sealed class TwoFactorPreconditionsFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var page = context.ActionDescriptor.ViewEnginePath;
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<ShopUser>>();
        if (page is "/Account/LoginWith2fa" or "/Account/LoginWithRecoveryCode"
            && await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            context.Result = new RedirectResult(AccountsServiceCollectionExtensions.LoginPath);
            return;
        }

        if (page is "/Account/Manage/Disable2fa" or "/Account/Manage/GenerateRecoveryCodes"
            && await signIn.UserManager.GetUserAsync(context.HttpContext.User) is { TwoFactorEnabled: false })
        {
            context.Result = new RedirectResult(AccountsServiceCollectionExtensions.TwoFactorPath);
            return;
        }

        await next();
    }
}
