using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Data.Carts;
using Storefront.Tests.Support;
using Storefront.Web.Carts;

namespace Storefront.Tests.Integration;

public sealed class CartTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task AddingAProduct_RedirectsToTheCart_WhichShowsTheLineAndTheSubtotal()
    {
        using var shopper = new ShopperClient(app);
        var (response, _) = await AddAsync(shopper, "pour-over-dripper", "2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cart", response.Headers.Location!.OriginalString);
        var cart = await CartAsync(shopper);
        var line = Assert.Single(cart.QuerySelectorAll("tr.cart-line"));
        Assert.Equal("pour-over-dripper", line.GetAttribute("data-slug"));
        Assert.Equal("2", line.QuerySelector<IHtmlInputElement>("input[name=quantity]")!.Value);
        Assert.Equal("$64.00", cart.QuerySelector(".cart-subtotal")!.TextContent.Trim());
        Assert.Contains("Added 2 × Pour-Over Dripper", cart.QuerySelector(".notice")!.TextContent);
    }

    [Fact]
    public async Task ASubscription_IsAddedAtThePriceOfTheChosenInterval()
    {
        using var shopper = new ShopperClient(app);
        await AddAsync(shopper, "roasters-choice", "1", interval: "Year");

        var cart = await CartAsync(shopper);
        Assert.Equal("$220.00", cart.QuerySelector(".cart-line .price-amount")!.TextContent.Trim());
        Assert.Equal("/ year", cart.QuerySelector(".cart-line .price-interval")!.TextContent.Trim());
    }

    [Fact]
    public async Task ChangingTheQuantity_UpdatesTheLine_AndRemovingItEmptiesTheCart()
    {
        using var shopper = new ShopperClient(app);
        await AddAsync(shopper, "french-press", "1");

        var (updated, _) = await SubmitLineFormAsync(shopper, "Update", new() { ["quantity"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);
        var cart = await CartAsync(shopper);
        Assert.Equal("$135.00", cart.QuerySelector(".cart-subtotal")!.TextContent.Trim());

        var (removed, _) = await SubmitLineFormAsync(shopper, "Remove", new());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        cart = await CartAsync(shopper);
        Assert.Empty(cart.QuerySelectorAll("tr.cart-line"));
        Assert.NotNull(cart.QuerySelector(".cart-empty"));
    }

    [Fact]
    public async Task AddingMoreThanIsInStock_Is400WithAMessage_AndTheCartIsUnchanged()
    {
        using var shopper = new ShopperClient(app);
        await AddAsync(shopper, "decaf-sugarcane", "2");

        var (response, page) = await AddAsync(shopper, "decaf-sugarcane", "2");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Only 3 of Decaf Sugarcane left in stock.", page.QuerySelector("[role=alert]")!.TextContent.Trim());
        var cart = await CartAsync(shopper);
        Assert.Equal("2", cart.QuerySelector<IHtmlInputElement>("tr.cart-line input[name=quantity]")!.Value);
        Assert.Equal(2, await StoredQuantityAsync("decaf-sugarcane", shopper));
    }

    [Fact]
    public async Task RaisingALineAboveTheStock_Is400WithAMessage_AndTheCartIsUnchanged()
    {
        using var shopper = new ShopperClient(app);
        await AddAsync(shopper, "decaf-sugarcane", "1");

        var (response, page) = await SubmitLineFormAsync(shopper, "Update", new() { ["quantity"] = "4" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Only 3 of Decaf Sugarcane left in stock.", page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector<IHtmlInputElement>("tr.cart-line input[name=quantity]")!.Value);
        Assert.Equal(1, await StoredQuantityAsync("decaf-sugarcane", shopper));
    }

    [Theory]
    [InlineData("0", "Choose a quantity from 1 to 10.")]
    [InlineData("-3", "Choose a quantity from 1 to 10.")]
    [InlineData("11", "Choose a quantity from 1 to 10.")]
    [InlineData("abc", "'abc' is not a valid value for Quantity.")]
    [InlineData("99999999999999999999", "'99999999999999999999' is not a valid value for Quantity.")]
    [InlineData("", "Enter a value.")]
    public async Task ABadQuantityOnTheProductPage_Is400WithAMessage_AndNothingIsAdded(string quantity, string message)
    {
        using var shopper = new ShopperClient(app);
        var (response, page) = await AddAsync(shopper, "colombia-huila", quantity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Empty((await CartAsync(shopper)).QuerySelectorAll("tr.cart-line"));
    }

    [Theory]
    [InlineData("0", "Choose a quantity from 1 to 10.")]
    [InlineData("-1", "Choose a quantity from 1 to 10.")]
    [InlineData("1000", "Choose a quantity from 1 to 10.")]
    [InlineData("two", "'two' is not a valid value.")]
    [InlineData("1e9", "'1e9' is not a valid value.")]
    [InlineData("", "Enter a quantity.")]
    public async Task ABadQuantityInTheCart_Is400WithAMessage_AndTheCartIsUnchanged(string quantity, string message)
    {
        using var shopper = new ShopperClient(app);
        await AddAsync(shopper, "colombia-huila", "2");

        var (response, page) = await SubmitLineFormAsync(shopper, "Update", new() { ["quantity"] = quantity });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(2, await StoredQuantityAsync("colombia-huila", shopper));
    }

    [Fact]
    public async Task AnAddOn_CannotBePostedIntoTheCart()
    {
        using var shopper = new ShopperClient(app);
        await AddAsync(shopper, "colombia-huila", "1");
        var (_, productPage) = await shopper.GetAsync("/products/colombia-huila");
        var form = productPage.QuerySelector<IHtmlFormElement>("form.add-to-cart")!;
        form.SetAttribute("action", "/products/gift-wrap");

        var (response, _) = await shopper.PostAsync(form, new Dictionary<string, string> { ["Input.Quantity"] = "1" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, (await CartAsync(shopper)).QuerySelectorAll("tr.cart-line").Length);
    }

    [Fact]
    public async Task ATamperedCartCookie_GivesAFreshEmptyCart_NotAnError()
    {
        using var shopper = new ShopperClient(app);
        await AddAsync(shopper, "colombia-huila", "1");

        using var tampered = new HttpRequestMessage(HttpMethod.Get, "/cart");
        tampered.Headers.Add("Cookie", $"{CartOwnerAccessor.CookieName}=CfDJ8-not-a-real-payload");
        using var raw = app.CreateClient(new() { HandleCookies = false });
        var response = await raw.SendAsync(tampered);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your cart is empty.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AVisitorCart_IsMergedIntoTheAccountOnSignIn()
    {
        using var shopper = new ShopperClient(app);
        await AddAsync(shopper, "gooseneck-kettle", "1");

        await shopper.SignInAsync("shopper@storefront.local", "Shopper!23456");

        var cart = await CartAsync(shopper);
        Assert.Equal("gooseneck-kettle", Assert.Single(cart.QuerySelectorAll("tr.cart-line")).GetAttribute("data-slug"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var owners = db.Carts.Where(c => c.Lines.Any()).Select(c => c.OwnerKey).ToList();
        Assert.Contains(owners, o => o.StartsWith("user:", StringComparison.Ordinal));
    }

    private static Task<(HttpResponseMessage Response, IDocument Document)> AddAsync(ShopperClient shopper, string slug, string quantity, string? interval = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Quantity"] = quantity };
        if (interval is not null)
        {
            fields["Input.Interval"] = interval;
        }

        return shopper.SubmitAsync($"/products/{slug}", "form.add-to-cart", fields);
    }

    private static Task<(HttpResponseMessage Response, IDocument Document)> SubmitLineFormAsync(ShopperClient shopper, string handler, Dictionary<string, string> fields) =>
        shopper.SubmitAsync("/cart", $"tr.cart-line form[action*='handler={handler}']", fields);

    private static async Task<IDocument> CartAsync(ShopperClient shopper) => (await shopper.GetAsync("/cart")).Document;

    /// <summary>The quantity stored for this shopper, read from the database rather than from the page.</summary>
    private async Task<int> StoredQuantityAsync(string slug, ShopperClient shopper)
    {
        var page = await CartAsync(shopper);
        var lineId = long.Parse(page.QuerySelector($"tr.cart-line[data-slug={slug}]")!.GetAttribute("data-line-id")!);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        return db.Set<CartLine>().Single(l => l.Id == lineId).Quantity;
    }
}
