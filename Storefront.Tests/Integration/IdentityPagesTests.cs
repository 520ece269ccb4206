using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration;

/// <summary>
/// Every page of the Identity area (scaffolded here or served by the package), found from the app's endpoints:
/// opened bare, with junk query values and as a POST without a form, by a visitor and by a signed-in shopper, none
/// answers with a server error.
/// </summary>
public sealed class IdentityPagesTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task NoIdentityPage_AnswersWithAServerError_WhateverItIsSent()
    {
        var paths = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.AreaName == "Identity")
            .Select(e => "/" + e.RoutePattern.RawText!.TrimEnd('/'))
            .Distinct().Order().ToList();
        Assert.True(paths.Count >= 25, $"Only {paths.Count} Identity pages found: {string.Join(", ", paths)}");

        using var visitor = new ShopperClient(app);
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("shopper@storefront.local", "Shopper!23456");
        var failures = new List<string>();
        foreach (var path in paths)
        {
            foreach (var (who, client) in new[] { ("visitor", visitor), ("shopper", shopper) })
            {
                foreach (var url in new[] { path, path + "?userId=nobody&code=abc&email=x&returnUrl=%2F&rememberMe=maybe", path + "?code=&userId=" })
                {
                    var response = await client.Http.GetAsync(url);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{who} GET {url}: {(int)response.StatusCode}");
                    }
                }

                var post = await client.Http.PostAsync(path, new FormUrlEncodedContent([new("Input.RememberMe", "maybe")]));
                if ((int)post.StatusCode >= 500)
                {
                    failures.Add($"{who} POST {path}: {(int)post.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
