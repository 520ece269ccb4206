using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data.Identity;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration;

public sealed class AccountTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    private const string LoginUrl = "/Identity/Account/Login";

    [Fact]
    public async Task Registering_MailsAConfirmationLink_SignInWaitsForIt_ThenTheProfileShowsNoTierYet()
    {
        using var shopper = new ShopperClient(app);
        var (response, _) = await Register(shopper, "new.shopper@example.com", "Brew!ng-2026");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation", response.Headers.Location!.OriginalString);
        var (refused, refusedPage) = await SignIn(shopper, "new.shopper@example.com", "Brew!ng-2026");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Confirm your e-mail address first", refusedPage.QuerySelector("[role=alert]")!.TextContent);

        var mail = await app.Mail.LatestAsync("new.shopper@example.com", "Confirm your e-mail");
        var (confirmed, confirmedPage) = await shopper.GetAsync(Mailbox.Link(mail, "/Identity/Account/ConfirmEmail"));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Thank you for confirming your email", confirmedPage.Body!.TextContent);

        await shopper.SignInAsync("new.shopper@example.com", "Brew!ng-2026");
        var (profileResponse, profile) = await shopper.GetAsync("/Identity/Account/Manage");
        Assert.Equal(HttpStatusCode.OK, profileResponse.StatusCode);
        Assert.Equal("none", profile.QuerySelector(".tier")!.GetAttribute("data-tier"));
        Assert.Equal("Spend $200.00 more to reach Silver.", profile.QuerySelector(".tier-next")!.TextContent.Trim());

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var user = await users.FindByEmailAsync("new.shopper@example.com");
        Assert.True(await users.IsInRoleAsync(user!, Roles.Customer));
    }

    [Fact]
    public async Task AConfirmationLinkWithATamperedToken_ConfirmsNothing_AndABrokenOneIs400()
    {
        using var shopper = new ShopperClient(app);
        await Register(shopper, "tamper@example.com", "Brew!ng-2026");
        var link = Mailbox.Link(await app.Mail.LatestAsync("tamper@example.com", "Confirm"), "ConfirmEmail");
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), link).Query)["code"]!;

        var wrongToken = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("not the token"u8.ToArray());
        var (wrong, page) = await shopper.GetAsync(link.Replace(code, wrongToken, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Error confirming your email", page.Body!.TextContent);

        // Not Base64Url at all: a cut-off link (length 4n+1) or a mangled character.
        foreach (var broken in new[] { "abcde", "not*base64" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await shopper.GetAsync(link.Replace(code, broken, StringComparison.Ordinal))).Response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await shopper.GetAsync("/Identity/Account/ResetPassword?code=abcde")).Response.StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>().FindByEmailAsync("tamper@example.com");
        Assert.False(user!.EmailConfirmed);
    }

    [Fact]
    public async Task ARegistrationWithMismatchedPasswords_Is400_AndCreatesNoAccount()
    {
        using var shopper = new ShopperClient(app);
        var (response, page) = await shopper.SubmitAsync("/Identity/Account/Register", "form.account-form", new Dictionary<string, string>
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

        var (_, profile) = await shopper.GetAsync("/Identity/Account/Manage");

        Assert.Equal("Gold", profile.QuerySelector(".tier")!.GetAttribute("data-tier"));
        Assert.Equal("10 % off (up to $25.00)", profile.QuerySelector(".tier-perk")!.TextContent.Trim());
        Assert.Equal("$600.00", profile.QuerySelector(".lifetime-spend")!.TextContent.Trim());
    }

    [Fact]
    public async Task AWrongPassword_Is400WithAMessage()
    {
        using var shopper = new ShopperClient(app);
        var (response, page) = await SignIn(shopper, "shopper@storefront.local", "not-the-password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("E-mail or password is not right.", page.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightPassword()
    {
        await CreateConfirmedCustomerAsync("locked@example.com", "Right!pass-1");
        using var shopper = new ShopperClient(app);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var (wrong, _) = await SignIn(shopper, "locked@example.com", "wrong-" + attempt);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var (response, page) = await SignIn(shopper, "locked@example.com", "Right!pass-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Too many failed attempts", page.QuerySelector("[role=alert]")!.TextContent);
        var (manage, _) = await shopper.GetAsync("/Identity/Account/Manage");
        Assert.Equal(HttpStatusCode.Redirect, manage.StatusCode);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("1")]
    public async Task ARememberMeThatIsNotABoolean_Is400WithAMessage_NotAnError(string value)
    {
        using var shopper = new ShopperClient(app);
        var (response, page) = await shopper.SubmitAsync(LoginUrl, "form.account-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "shopper@storefront.local",
            ["Input.Password"] = "Shopper!23456",
            ["Input.RememberMe"] = value,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for='Input.RememberMe']")!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".account-nav form"));
    }

    [Fact]
    public async Task ARememberMachineThatIsNotABoolean_OnTheCodePage_IsRefused_NotAnError()
    {
        using var admin = new ShopperClient(app);
        var (password, _) = await SignIn(admin, "admin@storefront.local", "Admin!23456");
        var codePage = password.Headers.Location!.OriginalString;

        var (answer, _) = await admin.SubmitAsync(codePage, "main form", new Dictionary<string, string>
        {
            ["Input.TwoFactorCode"] = Totp.Code(Totp.DevAdminKey),
            ["Input.RememberMachine"] = "maybe",
        });

        Assert.True((int)answer.StatusCode < 500, $"{(int)answer.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(codePage.Replace("RememberMe=False", "RememberMe=maybe", StringComparison.OrdinalIgnoreCase))).Response.StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession()
    {
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("shopper@storefront.local", "Shopper!23456");
        var (home, homePage) = await shopper.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        var (response, _) = await shopper.PostAsync(
            (AngleSharp.Html.Dom.IHtmlFormElement)homePage.QuerySelector(".account-nav form")!, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (profile, _) = await shopper.GetAsync("/Identity/Account/Manage");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.Contains(LoginUrl, profile.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AnExternalReturnUrl_IsIgnoredAfterSignIn()
    {
        using var shopper = new ShopperClient(app);
        var (response, _) = await shopper.SubmitAsync(LoginUrl + "?ReturnUrl=https%3A%2F%2Fevil.example%2F", "form.account-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "shopper@storefront.local",
            ["Input.Password"] = "Shopper!23456",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(LoginUrl)]
    [InlineData("/Identity/Account/Register")]
    public async Task ASignedInShopper_IsSentAwayFromSignInAndRegistration(string url)
    {
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("shopper@storefront.local", "Shopper!23456");

        var (response, _) = await shopper.GetAsync(url + "?returnUrl=%2Fcart");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cart", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/Account/Login?ReturnUrl=%2Fcart", "/Identity/Account/Login?ReturnUrl=%2Fcart")]
    [InlineData("/Account/Register", "/Identity/Account/Register")]
    [InlineData("/Account/Profile", "/Identity/Account/Manage")]
    public async Task TheOldAccountAddresses_RedirectToTheirSuccessors(string old, string successor)
    {
        using var visitor = new ShopperClient(app);
        var (response, _) = await visitor.GetAsync(old);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(successor, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task IdentitysOwnPages_LoadTheirScriptsFromTheShop()
    {
        using var visitor = new ShopperClient(app);
        var (response, page) = await visitor.GetAsync("/Identity/Account/ForgotPassword");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.Equal("/Identity/lib/jquery/dist/jquery.min.js", scripts[0]);
        Assert.Contains(scripts, s => s.Contains("jquery.validate.unobtrusive", StringComparison.Ordinal));
        foreach (var script in scripts)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync(script)).StatusCode);
        }

        Assert.NotNull(page.QuerySelector("link[href^='/css/site.css']"));
    }

    internal static Task<(HttpResponseMessage Response, AngleSharp.Dom.IDocument Document)> SignIn(ShopperClient shopper, string email, string password) =>
        shopper.SubmitAsync(LoginUrl, "form.account-form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    internal static Task<(HttpResponseMessage Response, AngleSharp.Dom.IDocument Document)> Register(ShopperClient shopper, string email, string password) =>
        shopper.SubmitAsync("/Identity/Account/Register", "form.account-form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    private async Task CreateConfirmedCustomerAsync(string email, string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var user = new ShopUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Customer);
    }
}
