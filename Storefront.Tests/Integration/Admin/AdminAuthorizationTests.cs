using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

/// <summary>
/// Every page of the Admin area, found from the app's endpoints (so a new page is covered without touching this
/// test): anonymous visitors are sent to sign in, shoppers get 403, admins get the page.
/// </summary>
public sealed class AdminAuthorizationTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task EveryAdminPage_RequiresTheAdminRole()
    {
        var urls = await AdminUrlsAsync();
        Assert.True(urls.Count >= 30, $"Only {urls.Count} admin pages found: {string.Join(", ", urls)}");

        using var anonymous = new AdminClient(app);
        using var shopper = await AdminClient.SignedInAsync(app, AdminClient.ShopperEmail, AdminClient.ShopperPassword);
        using var admin = await AdminClient.SignedInAsync(app);
        var failures = new List<string>();
        foreach (var url in urls)
        {
            var response = await anonymous.Http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.Redirect
                || !response.Headers.Location!.AbsolutePath.Equals("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"anonymous {url}: {(int)response.StatusCode} {response.Headers.Location}");
            }

            response = await shopper.Http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"shopper {url}: {(int)response.StatusCode}");
            }

            response = await admin.Http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"admin {url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// A shopper posting to an admin handler gets 403 whether or not the post carries a valid antiforgery token
    /// (taken from a page the shopper may see; tokens are bound to the signed-in user, so it is valid for them):
    /// the authorization middleware answers before the page's antiforgery filter runs. Nothing changes.
    /// </summary>
    [Fact]
    public async Task AShopperPostingToAnAdminHandler_IsForbidden_WithOrWithoutAnAntiforgeryToken()
    {
        using var shopper = await AdminClient.SignedInAsync(app, AdminClient.ShopperEmail, AdminClient.ShopperPassword);
        var home = await shopper.GetOkAsync("/");
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), "The shopper's pages carry an antiforgery token (sign-out form).");
        var product = await app.ProductAsync("french-press");
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Hacked", ["Input.Category"] = "Brewing", ["Input.Kind"] = "Physical", ["Input.Version"] = product.Version.ToString(),
        };

        var withoutToken = await shopper.Http.PostAsync($"/Admin/Products/Edit/{product.Id}", new FormUrlEncodedContent(fields));
        fields["__RequestVerificationToken"] = token!;
        var withToken = await shopper.Http.PostAsync($"/Admin/Products/Edit/{product.Id}", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withToken.StatusCode);
        Assert.Equal("French Press", (await app.ProductAsync("french-press")).Name);
    }

    /// <summary>For an admin the same post without a token is refused by antiforgery (400): the forms really are protected.</summary>
    [Fact]
    public async Task AnAdminPostWithoutAnAntiforgeryToken_Is400_AndNothingChanges()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("french-press");

        var response = await admin.Http.PostAsync($"/Admin/Products/Edit/{product.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "No token", ["Input.Category"] = "Brewing", ["Input.Kind"] = "Physical", ["Input.Version"] = product.Version.ToString(),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("French Press", (await app.ProductAsync("french-press")).Name);
    }

    [Fact]
    public async Task AnAnonymousPost_IsSentToSignIn()
    {
        using var anonymous = new AdminClient(app);
        var response = await anonymous.Http.PostAsync("/Admin/Products/Edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "x" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Identity/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    private async Task<IReadOnlyList<string>> AdminUrlsAsync()
    {
        var (orderId, checkoutId) = await app.EnsureOrderAsync();
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var endpoints = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.AreaName == "Admin"
                        || (e.RoutePattern.RawText ?? "").StartsWith("Admin", StringComparison.OrdinalIgnoreCase));
        var urls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            urls.Add(UrlFor(endpoint.RoutePattern, orderId, checkoutId, fillOptional: true));

            // An optional id ("Edit/{id?}") is also a page of its own without it: the create form.
            urls.Add(UrlFor(endpoint.RoutePattern, orderId, checkoutId, fillOptional: false));
        }

        return urls.ToList();
    }

    private static string UrlFor(RoutePattern pattern, Guid orderId, Guid checkoutId, bool fillOptional)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart { IsOptional: true } when !fillOptional => "",
                RoutePatternParameterPart parameter => ValueFor(parameter, orderId, checkoutId),
                _ => "",
            }));
            if (text.Length > 0)
            {
                segments.Add(text);
            }
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>A seeded row for each kind of route value: ids 1 exist for every seeded table; orders and checkouts are arranged.</summary>
    private static string ValueFor(RoutePatternParameterPart parameter, Guid orderId, Guid checkoutId)
    {
        var isGuid = parameter.ParameterPolicies.Any(p => p.Content == "guid");
        return parameter.Name switch
        {
            "checkoutId" => checkoutId.ToString(),
            _ when isGuid => orderId.ToString(),
            _ => "1",
        };
    }
}
