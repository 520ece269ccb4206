using Microsoft.AspNetCore.Mvc;

namespace Storefront.Web.Areas.Identity.Pages.Account;

internal static class ReturnUrls
{
    /// <summary>Only local paths are followed after signing in; anything else (another site) goes home.</summary>
    public static string Safe(IUrlHelper url, string? returnUrl) => url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}
