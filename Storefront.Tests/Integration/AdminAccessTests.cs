using System.Net;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration;

public sealed class AdminAccessTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task AnAnonymousVisitor_IsSentToSignIn()
    {
        using var visitor = new ShopperClient(app);
        var (response, _) = await visitor.GetAsync("/Admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login?ReturnUrl=%2FAdmin", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ASignedInShopper_IsForbidden()
    {
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("shopper@storefront.local", "Shopper!23456");

        var (response, page) = await shopper.GetAsync("/Admin");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Access denied", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnAdmin_GetsIn()
    {
        using var admin = new ShopperClient(app);
        await admin.SignInAsync("admin@storefront.local", "Admin!23456");

        var (response, page) = await admin.GetAsync("/Admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Admin", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("17", page.QuerySelectorAll(".admin-stats dd")[0].TextContent.Trim());
    }
}
