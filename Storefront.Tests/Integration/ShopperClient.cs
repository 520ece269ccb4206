using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration;

/// <summary>
/// One browser-like shopper against the in-memory app: keeps cookies, does not follow redirects (tests assert
/// them), parses pages with AngleSharp and submits forms with their antiforgery token like a browser would.
/// </summary>
public sealed class ShopperClient(WebApplicationFactory<Program> factory) : IDisposable
{
    public HttpClient Http { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    /// <summary>Loads <paramref name="pageUrl"/>, fills the form matched by <paramref name="formSelector"/> and submits it.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Document)> SubmitAsync(string pageUrl, string formSelector, IDictionary<string, string> fields)
    {
        var (page, document) = await GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = document.QuerySelector<IHtmlFormElement>(formSelector)
                   ?? throw new Xunit.Sdk.XunitException($"No form '{formSelector}' on {pageUrl}.");
        return await PostAsync(form, fields);
    }

    public async Task<(HttpResponseMessage Response, IDocument Document)> PostAsync(IHtmlFormElement form, IDictionary<string, string> fields)
    {
        var response = await Http.PostAsync(BrowserForm.Action(form), BrowserForm.Content(form, fields));
        return (response, await ParseAsync(response));
    }

    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return await Http.GetAsync(redirect.Headers.Location);
    }

    /// <summary>
    /// Signs in through the login page; when the account has two-factor sign-in, continues on the code page with a
    /// code computed from <paramref name="authenticatorKey"/> (by default the development admin's key).
    /// </summary>
    public async Task SignInAsync(string email, string password, string authenticatorKey = Totp.DevAdminKey)
    {
        var (response, _) = await SubmitAsync("/Identity/Account/Login", "form.account-form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.Contains("/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            var (code, _) = await SubmitAsync(response.Headers.Location.OriginalString, "main form", new Dictionary<string, string>
            {
                ["Input.TwoFactorCode"] = Totp.Code(authenticatorKey),
            });
            Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        }
    }

    public void Dispose() => Http.Dispose();

    private static Task<IDocument> ParseAsync(HttpResponseMessage response) => BrowserForm.ParseAsync(response);
}
