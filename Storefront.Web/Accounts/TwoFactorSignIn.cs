using System.Security.Claims;

namespace Storefront.Web.Accounts;

public static class TwoFactorSignIn
{
    /// <summary>True when this sign-in presented two factors (see <see cref="AdminTwoFactorRequirement"/>).</summary>
    public static bool IsMultiFactor(this ClaimsPrincipal user) =>
        user.HasClaim(AdminTwoFactorRequirement.AmrClaim, AdminTwoFactorRequirement.MultiFactor);
}
