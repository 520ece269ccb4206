namespace Storefront.Web.Infrastructure;

/// <summary>Authorization policy names (the admin policy is defined with the accounts: role plus a second factor).</summary>
public static class Policies
{
    public const string Admin = "Admin";
}
