using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;

namespace Storefront.Web.Accounts;

/// <summary>
/// Identity's mailed links carry their token as Base64Url in "code". Its pages decode it without a guard, so a
/// truncated or edited link would end in a 500; here it is a 400 before the page runs. A well-formed but wrong
/// token still reaches the page, which says the link did not work.
/// </summary>
public sealed class MalformedLinkFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var code = context.HttpContext.Request.Query["code"];
        if (code.Count > 1 || (code.Count == 1 && !IsBase64Url(code[0])))
        {
            context.Result = new BadRequestResult();
            return;
        }

        await next();
    }

    private static bool IsBase64Url(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            WebEncoders.Base64UrlDecode(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
