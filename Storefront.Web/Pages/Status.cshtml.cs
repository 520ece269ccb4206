using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Web.Pages;

/// <summary>Friendly page for error status codes; the original status code is kept (re-execute, not redirect).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        Code = code;
        (Title, Message) = code switch
        {
            404 => ("Page not found", "We could not find that page. It may have moved, or the product is no longer sold."),
            403 => ("Access denied", "Your account does not have access to this page."),
            400 => ("Bad request", "The request could not be understood."),
            429 => ("Too many requests", "Please wait a moment and try again."),
            _ => ("Something went wrong", "Please try again in a moment."),
        };
    }
}
