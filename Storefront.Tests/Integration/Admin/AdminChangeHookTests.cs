using System.Collections.Concurrent;
using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Tests.Support;
using Storefront.Web.Admin;

namespace Storefront.Tests.Integration.Admin;

/// <summary>The hook for cache invalidation, and entity rule violations surfacing as form errors.</summary>
public sealed class AdminChangeHookTests(StorefrontAppFactory factory) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task EverySuccessfulSave_NotifiesTheChangeHook_AndRefusedOnesDoNot()
    {
        var recorder = new RecordingNotifier();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IAdminChangeNotifier>(recorder)));
        using var admin = await AdminClient.SignedInAsync(app);
        var promotion = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Promotions, p => p.Code == "WELCOME10"));

        var (rejected, _) = await admin.SubmitAsync($"/Admin/Promotions/Edit/{promotion.Id}", "form.promotion-form", new() { ["Input.PercentOff"] = "0" });
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Empty(recorder.Changes);

        var (saved, _) = await admin.SubmitAsync($"/Admin/Promotions/Edit/{promotion.Id}", "form.promotion-form", new() { ["Input.PercentOff"] = "12" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (tier, _) = await admin.SubmitAsync("/Admin/Loyalty/Edit", "form.tier-form", new() { ["Input.Name"] = "Copper", ["Input.MinimumSpend"] = "10", ["Input.PercentOff"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, tier.StatusCode);

        Assert.Equal(["Promotion", "LoyaltyTier"], recorder.Changes);
    }

    [Fact]
    public async Task AnEntityRuleViolation_IsShownOnTheForm_As400()
    {
        using var admin = await AdminClient.SignedInAsync(factory);
        var product = await factory.ProductAsync("gift-wrap");
        var page = await admin.GetOkAsync($"/Admin/Products/Prices/{product.Id}");
        var form = AdminClient.Form(page, "form.add-price");

        // The form only offers one-off prices for an add-on; a crafted post asks for a monthly one, which Product.AddPrice refuses.
        var (response, result) = await admin.PostAsync(form, new() { ["Input.Amount"] = "4.00", ["Input.Interval"] = "Month" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Only subscriptions have a billing interval.", result.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Single((await factory.ProductAsync("gift-wrap")).Prices);
    }

    [Fact]
    public async Task ChangingAProductsKind_AgainstItsActivePrices_Is400()
    {
        using var admin = await AdminClient.SignedInAsync(factory);
        var product = await factory.ProductAsync("french-press");

        var (response, page) = await admin.SubmitAsync($"/Admin/Products/Edit/{product.Id}", "form.product-form", new() { ["Input.Kind"] = "Subscription" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Deactivate them first", page.QuerySelector("[data-valmsg-for='Input.Kind']")!.TextContent);
        Assert.Equal(Storefront.Data.Catalog.ProductKind.Physical, (await factory.ProductAsync("french-press")).Kind);
    }

    [Fact]
    public async Task DeactivatingAPrice_KeepsItButTakesItOffSale()
    {
        using var admin = await AdminClient.SignedInAsync(factory);
        var product = await factory.ProductAsync("brew-club-digital");
        var yearly = product.Prices.Single(p => p.Interval == Storefront.Data.Catalog.BillingInterval.Year);
        var page = await admin.GetOkAsync($"/Admin/Products/Prices/{product.Id}");
        var form = page.QuerySelectorAll("form.deactivate-price").OfType<AngleSharp.Html.Dom.IHtmlFormElement>()
            .Single(f => f.QuerySelector("input[name=priceId]")!.GetAttribute("value") == yearly.Id.ToString());

        var (response, _) = await admin.PostAsync(form, new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var prices = (await factory.ProductAsync("brew-club-digital")).Prices;
        Assert.False(prices.Single(p => p.Id == yearly.Id).IsActive);
        Assert.True(prices.Single(p => p.Interval == Storefront.Data.Catalog.BillingInterval.Month).IsActive);
        Assert.Equal("price.deactivated", (await factory.AuditAsync("Price", yearly.Id.ToString())).Single().Action);
    }

    [Fact]
    public async Task TheNewAddOnLink_OpensTheProductEditorWithKindAddOn()
    {
        using var admin = await AdminClient.SignedInAsync(factory);
        var list = await admin.GetOkAsync("/Admin/AddOns");

        var editor = await admin.GetOkAsync(list.QuerySelector("a.button")!.GetAttribute("href")!);

        var selected = editor.QuerySelector("select[name='Input.Kind'] option[selected]")!;
        Assert.Equal("AddOn", selected.TextContent);
    }

    private sealed class RecordingNotifier : IAdminChangeNotifier
    {
        private readonly ConcurrentQueue<string> changes = new();

        public IReadOnlyList<string> Changes => changes.ToList();

        public ValueTask ChangedAsync(string entityType, CancellationToken cancellationToken)
        {
            changes.Enqueue(entityType);
            return ValueTask.CompletedTask;
        }
    }
}
