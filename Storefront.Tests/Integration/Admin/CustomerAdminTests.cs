using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data.Identity;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

public sealed class CustomerAdminTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task TheList_ShowsEmailLifetimeSpendAndTier()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var page = await admin.GetOkAsync("/Admin/Customers?email=storefront.local");

        var gold = page.QuerySelector("tr.customer-row[data-email='gold@storefront.local']")!;
        Assert.Equal(("$600.00", "Gold"), (gold.QuerySelector(".customer-spend")!.TextContent, gold.QuerySelector(".customer-tier")!.TextContent));
        var shopper = page.QuerySelector("tr.customer-row[data-email='shopper@storefront.local']")!;
        Assert.Equal(("$0.00", "–"), (shopper.QuerySelector(".customer-spend")!.TextContent, shopper.QuerySelector(".customer-tier")!.TextContent));
        Assert.Contains("Admin", page.QuerySelector("tr.customer-row[data-email='admin@storefront.local']")!.TextContent);
    }

    [Fact]
    public async Task TheList_Pages()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
            for (var i = 0; i < 30; i++)
            {
                var email = $"customer{i:00}@paging.test";
                if (await users.FindByEmailAsync(email) is null)
                {
                    var user = new ShopUser { UserName = email, Email = email };
                    user.SetLifetimeSpend(i * 10000);
                    Assert.True((await users.CreateAsync(user)).Succeeded);
                }
            }
        }

        using var admin = await AdminClient.SignedInAsync(app);
        var first = await admin.GetOkAsync("/Admin/Customers?email=paging.test");
        var second = await admin.GetOkAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);

        Assert.Equal("30 accounts", first.QuerySelector(".customer-count")!.TextContent.Trim());
        Assert.Equal(25, first.QuerySelectorAll("tr.customer-row").Length);
        var rest = second.QuerySelectorAll("tr.customer-row").ToList();
        Assert.Equal(5, rest.Count);
        Assert.Equal("customer29@paging.test", rest[^1].GetAttribute("data-email"));
        Assert.Equal(("$2,900.00", "Platinum"), (rest[^1].QuerySelector(".customer-spend")!.TextContent, rest[^1].QuerySelector(".customer-tier")!.TextContent));
    }
}
