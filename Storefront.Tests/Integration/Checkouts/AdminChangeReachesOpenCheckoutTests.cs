using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Integration.Admin;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

public sealed class AdminChangeReachesOpenCheckoutTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task RaisingTheGoldPercent_ShowsInAnOpenCheckout_OnItsNextUpdate()
    {
        var shopper = new ShopperClient(app);
        await shopper.SignInAsync("gold@storefront.local", "Shopper!23456");
        var actions = new CheckoutActionClient(app, shopper, await CheckoutFlow.StartAsync(app, shopper, ("gooseneck-kettle", 1, null)));
        var (status, body) = await actions.AddOnAsync("gift-wrap", true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(640, (long)body["totals"]!["discount"]!);

        using var admin = await AdminClient.SignedInAsync(app);
        var goldId = await CheckoutFlow.QueryAsync(app, db => db.LoyaltyTiers.Where(t => t.Name == "Gold").Select(t => t.Id).SingleAsync());
        var (saved, _) = await admin.SubmitAsync($"/Admin/Loyalty/Edit/{goldId}", "form.tier-form", new() { ["Input.PercentOff"] = "20" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        (status, body) = await actions.AddOnAsync("extended-warranty", true);

        Assert.Equal(HttpStatusCode.OK, status);
        // (59.00 + 5.00 + 20.00) × 20 % = 16.80, under the 25.00 cap.
        Assert.Equal(1680, (long)body["totals"]!["discount"]!);
        Assert.StartsWith("Gold member 20 %", (string?)body["discount"]!["name"]);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());
    }
}
