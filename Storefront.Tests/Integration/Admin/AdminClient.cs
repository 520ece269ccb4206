using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

/// <summary>
/// A browser-like admin (or shopper) session: keeps cookies, does not follow redirects, and submits forms with
/// every successful control — inputs, selects and textareas, like a browser — plus the antiforgery token.
/// </summary>
public sealed class AdminClient(WebApplicationFactory<Program> factory) : IDisposable
{
    public const string AdminEmail = "admin@storefront.local";
    public const string AdminPassword = "Admin!23456";
    public const string ShopperEmail = "shopper@storefront.local";
    public const string ShopperPassword = "Shopper!23456";

    public HttpClient Http { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<AdminClient> SignedInAsync(WebApplicationFactory<Program> factory, string email = AdminEmail, string password = AdminPassword)
    {
        var client = new AdminClient(factory);
        var (response, _) = await client.SubmitAsync("/Identity/Account/Login", "form.account-form", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.Contains("/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            // The admin signs in with two factors: the code comes from the seeded authenticator key.
            (response, _) = await client.SubmitAsync(response.Headers.Location!.OriginalString, "main form", new() { ["Input.TwoFactorCode"] = Totp.Code(Totp.DevAdminKey) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return client;
    }

    public async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    public async Task<IDocument> GetOkAsync(string url)
    {
        var (response, document) = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
        return document;
    }

    /// <summary>Loads the page, fills the form matched by the selector and submits it.</summary>
    public async Task<(HttpResponseMessage Response, IDocument Document)> SubmitAsync(string pageUrl, string formSelector, Dictionary<string, string> fields)
    {
        var document = await GetOkAsync(pageUrl);
        return await PostAsync(Form(document, formSelector), fields);
    }

    public static IHtmlFormElement Form(IDocument document, string selector) =>
        document.QuerySelector<IHtmlFormElement>(selector) ?? throw new Xunit.Sdk.XunitException($"No form '{selector}' on {document.Url}.");

    public async Task<(HttpResponseMessage Response, IDocument Document)> PostAsync(IHtmlFormElement form, Dictionary<string, string> fields)
    {
        var response = await Http.PostAsync(BrowserForm.Action(form), BrowserForm.Content(form, fields));
        return (response, await ParseAsync(response));
    }

    /// <summary>Follows a post-redirect-get redirect and returns the page it lands on.</summary>
    public async Task<IDocument> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)redirect.StatusCode}.");
        return await GetOkAsync(redirect.Headers.Location!.OriginalString);
    }

    public void Dispose() => Http.Dispose();

    private static Task<IDocument> ParseAsync(HttpResponseMessage response) => BrowserForm.ParseAsync(response);
}
