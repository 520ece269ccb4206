using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data.Identity;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration;

public sealed class AccountTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task Registering_CreatesACustomer_SignsThemIn_AndTheProfileShowsNoTierYet()
    {
        using var shopper = new ShopperClient(app);
        var (response, _) = await shopper.SubmitAsync("/Account/Register", "form.account-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "new.shopper@example.com",
            ["Input.Password"] = "Brew!ng-2026",
            ["Input.ConfirmPassword"] = "Brew!ng-2026",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (profileResponse, profile) = await shopper.GetAsync("/Account/Profile");
        Assert.Equal(HttpStatusCode.OK, profileResponse.StatusCode);
        Assert.Equal("none", profile.QuerySelector(".tier")!.GetAttribute("data-tier"));
        Assert.Equal("Spend $200.00 more to reach Silver.", profile.QuerySelector(".tier-next")!.TextContent.Trim());

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var user = await users.FindByEmailAsync("new.shopper@example.com");
        Assert.True(await users.IsInRoleAsync(user!, Roles.Customer));
    }

    [Fact]
    public async Task ARegistrationWithMismatchedPasswords_Is400_AndCreatesNoAccount()
    {
        using var shopper = new ShopperClient(app);
        var (response, page) = await shopper.SubmitAsync("/Account/Register", "form.account-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "typo@example.com",
            ["Input.Password"] = "Brew!ng-2026",
            ["Input.ConfirmPassword"] = "Brew!ng-2027",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The passwords do not match.", page.QuerySelectorAll(".field-error").Select(e => e.TextContent));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>().FindByEmailAsync("typo@example.com"));
    }

    [Fact]
    public async Task AGoldCustomer_SeesTheirTierOnTheProfile()
    {
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("gold@storefront.local", "Shopper!23456");

        var (_, profile) = await shopper.GetAsync("/Account/Profile");

        Assert.Equal("Gold", profile.QuerySelector(".tier")!.GetAttribute("data-tier"));
        Assert.Equal("10 % off (up to $25.00)", profile.QuerySelector(".tier-perk")!.TextContent.Trim());
        Assert.Equal("$600.00", profile.QuerySelector(".lifetime-spend")!.TextContent.Trim());
    }

    [Fact]
    public async Task AWrongPassword_Is400WithAMessage()
    {
        using var shopper = new ShopperClient(app);
        var (response, page) = await shopper.SubmitAsync("/Account/Login", "form.account-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "shopper@storefront.local",
            ["Input.Password"] = "not-the-password",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("E-mail or password is not right.", page.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession()
    {
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("shopper@storefront.local", "Shopper!23456");

        var (response, _) = await shopper.SubmitAsync("/Account/Logout", "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (profile, _) = await shopper.GetAsync("/Account/Profile");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.Contains("/Account/Login", profile.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AnExternalReturnUrl_IsIgnoredAfterSignIn()
    {
        using var shopper = new ShopperClient(app);
        var (response, _) = await shopper.SubmitAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F", "form.account-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "shopper@storefront.local",
            ["Input.Password"] = "Shopper!23456",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
