using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Storefront.Data.Identity;

namespace Storefront.Web.Accounts;

/// <summary>Merchants run the shop only after a second factor: a password alone never opens the admin area.</summary>
public sealed class AdminTwoFactorRequirement : IAuthorizationRequirement
{
    /// <summary>The "authentication method reference" claim Identity adds when a sign-in completed two factors.</summary>
    public const string AmrClaim = "amr";

    public const string MultiFactor = "mfa";
}

public sealed class AdminTwoFactorHandler(SignInManager<ShopUser> signIn) : AuthorizationHandler<AdminTwoFactorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminTwoFactorRequirement requirement)
    {
        if (context.User.HasClaim(AdminTwoFactorRequirement.AmrClaim, AdminTwoFactorRequirement.MultiFactor))
        {
            context.Succeed(requirement);
            return;
        }

        // "Remember this machine" after a two-factor sign-in skips the code next time; Identity then issues a
        // password-only cookie, but the remembered machine is the second factor Identity itself vouches for.
        var user = await signIn.UserManager.GetUserAsync(context.User);
        if (user is not null && user.TwoFactorEnabled && await signIn.IsTwoFactorClientRememberedAsync(user))
        {
            context.Succeed(requirement);
        }
    }
}
