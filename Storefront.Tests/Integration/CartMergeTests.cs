using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Data.Carts;
using Storefront.Tests.Support;
using Storefront.Web.Carts;

namespace Storefront.Tests.Integration;

/// <summary>The visitor cart joins the account's cart on sign-in, once, even when sign-ins race.</summary>
public sealed class CartMergeTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task SixParallelSignInsFromOneBrowser_AllSucceed_AndTheCartIsMergedOnce()
    {
        await CreateCustomerAsync("racer@example.com");
        using var shopper = new ShopperClient(app);
        var (added, _) = await shopper.SubmitAsync("/products/gooseneck-kettle", "form.add-to-cart", new Dictionary<string, string> { ["Input.Quantity"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (_, loginPage) = await shopper.GetAsync("/Identity/Account/Login");
        var form = loginPage.QuerySelector<IHtmlFormElement>("form.account-form")!;
        var fields = new Dictionary<string, string> { ["Input.Email"] = "racer@example.com", ["Input.Password"] = "Racer!pass-1" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            shopper.Http.PostAsync(BrowserForm.Action(form), BrowserForm.Content(form, fields))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var userId = (await db.Users.SingleAsync(u => u.Email == "racer@example.com")).Id;
        var cart = await db.Carts.Include(c => c.Lines).SingleAsync(c => c.OwnerKey == CartOwner.ForUser(userId).Key);
        Assert.Equal(1, Assert.Single(cart.Lines).Quantity);
    }

    [Fact]
    public async Task SixParallelRegistrationsOfOneAddress_CreateOneAccount_AndNoneFailsWithAServerError()
    {
        using var shopper = new ShopperClient(app);
        var (_, registerPage) = await shopper.GetAsync("/Identity/Account/Register");
        var form = registerPage.QuerySelector<IHtmlFormElement>("form.account-form")!;
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = "twice@example.com",
            ["Input.Password"] = "Twice!pass-1",
            ["Input.ConfirmPassword"] = "Twice!pass-1",
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            shopper.Http.PostAsync(BrowserForm.Action(form), BrowserForm.Content(form, fields))));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{(int)r.StatusCode}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().Users.CountAsync(u => u.Email == "twice@example.com"));
    }

    [Fact]
    public async Task EightMergesOfTheSameVisitorCart_RacingDirectly_AddItsQuantityOnce()
    {
        var visitor = CartOwner.ForVisitor(Guid.NewGuid());
        var user = CartOwner.ForUser(Guid.NewGuid().ToString());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            var price = await db.Prices.FirstAsync(p => p.Product.Slug == "house-blend-beans");
            var cart = new Cart(visitor.Key, DateTimeOffset.UtcNow);
            cart.Add(price.ProductId, price.Id, 2, DateTimeOffset.UtcNow);
            db.Carts.Add(cart);
            await db.SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CartMerger>().MergeAsync(visitor, user, CancellationToken.None);
        }));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            Assert.False(await db.Carts.AnyAsync(c => c.OwnerKey == visitor.Key));
            var merged = await db.Carts.Include(c => c.Lines).SingleAsync(c => c.OwnerKey == user.Key);
            Assert.Equal(2, Assert.Single(merged.Lines).Quantity);
        }
    }

    private async Task CreateCustomerAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Storefront.Data.Identity.ShopUser>>();
        Assert.True((await users.CreateAsync(new Storefront.Data.Identity.ShopUser { UserName = email, Email = email, EmailConfirmed = true }, "Racer!pass-1")).Succeeded);
    }
}
