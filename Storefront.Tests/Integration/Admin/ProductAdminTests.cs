using System.Net;
using AngleSharp.Dom;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Data.Catalog;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

public sealed class ProductAdminTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task TheList_FiltersByCategory()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var page = await admin.GetOkAsync("/Admin/Products?category=Brewing");

        var slugs = page.QuerySelectorAll("tr.product-row").Select(r => r.GetAttribute("data-slug")).ToList();
        Assert.Equal(["burr-grinder", "french-press", "gooseneck-kettle", "pour-over-dripper"], slugs);
    }

    [Fact]
    public async Task TheAddOnList_ShowsOnlyAddOns()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var page = await admin.GetOkAsync("/Admin/AddOns");

        var slugs = page.QuerySelectorAll("tr.product-row").Select(r => r.GetAttribute("data-slug")).ToList();
        Assert.Equal(["express-shipping", "extended-warranty", "gift-wrap"], slugs);
    }

    [Fact]
    public async Task CreatingAProduct_StoresIt_AuditsIt_AndLeadsToItsPrices()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, _) = await admin.SubmitAsync("/Admin/Products/Edit", "form.product-form", new()
        {
            ["Input.Slug"] = "moka-pot",
            ["Input.Name"] = "Moka Pot",
            ["Input.Category"] = "Stovetop",
            ["Input.Kind"] = "Physical",
            ["Input.Description"] = "Stovetop espresso for three.",
            ["Input.ImageUrl"] = "/img/products/moka-pot.svg",
        });

        var product = await app.ProductAsync("moka-pot");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Admin/Products/Prices/{product.Id}", response.Headers.Location!.OriginalString);
        var page = await admin.FollowAsync(response);
        Assert.Contains("Moka Pot", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal(("Moka Pot", "Stovetop", ProductKind.Physical, "Stovetop espresso for three."), (product.Name, product.Category, product.Kind, product.Description));
        var audit = Assert.Single(await app.AuditAsync("Product", product.Id.ToString()));
        Assert.Equal(("product.created", AdminClient.AdminEmail, null), (audit.Action, audit.Actor, audit.Before));
        Assert.Equal("Moka Pot", JsonDocument.Parse(audit.After!).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnInvalidProduct_Is400_WithMessagesNextToTheFields_AndNothingIsStored()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var before = await app.QueryAsync(db => db.Products.CountAsync());

        var (response, page) = await admin.SubmitAsync("/Admin/Products/Edit", "form.product-form", new()
        {
            ["Input.Slug"] = "Bad Slug!",
            ["Input.Name"] = "",
            ["Input.Category"] = "Brewing",
            ["Input.ImageUrl"] = "javascript:alert(1)",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A slug uses lower-case letters, digits and dashes.", page.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent.Trim());
        Assert.Equal("Enter a name.", page.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent.Trim());
        Assert.Contains("http(s)", page.QuerySelector("[data-valmsg-for='Input.ImageUrl']")!.TextContent);
        Assert.Equal(before, await app.QueryAsync(db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task ADuplicateSlug_Is400()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, page) = await admin.SubmitAsync("/Admin/Products/Edit", "form.product-form", new()
        {
            ["Input.Slug"] = "french-press", ["Input.Name"] = "Another press", ["Input.Category"] = "Brewing",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already used", page.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent);
        Assert.Equal(1, await app.QueryAsync(db => db.Products.CountAsync(p => p.Slug == "french-press")));
    }

    [Fact]
    public async Task EditingAProduct_SavesIt_AndAuditsBeforeAndAfter()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("latte-art-course");

        var (response, _) = await admin.SubmitAsync($"/Admin/Products/Edit/{product.Id}", "form.product-form", new()
        {
            ["Input.Name"] = "Latte Art Masterclass",
            ["Input.Category"] = "Courses",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.FollowAsync(response);
        Assert.Equal("Product \"Latte Art Masterclass\" saved.", page.QuerySelector(".notice")!.TextContent.Trim());
        var stored = await app.ProductAsync("latte-art-course");
        Assert.Equal(("Latte Art Masterclass", "Courses", ProductKind.Digital), (stored.Name, stored.Category, stored.Kind));
        Assert.Equal(product.Version + 1, stored.Version);
        var audit = (await app.AuditAsync("Product", product.Id.ToString())).Last();
        Assert.Equal(("product.updated", AdminClient.AdminEmail), (audit.Action, audit.Actor));
        Assert.Equal("Latte Art Course", JsonDocument.Parse(audit.Before!).RootElement.GetProperty("name").GetString());
        Assert.Equal("Latte Art Masterclass", JsonDocument.Parse(audit.After!).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task TwoAdminsEditingTheSameProduct_TheSecondGets409_AndTheFirstWins()
    {
        using var first = await AdminClient.SignedInAsync(app);
        using var second = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("colombia-huila");
        var url = $"/Admin/Products/Edit/{product.Id}";
        var firstForm = AdminClient.Form(await first.GetOkAsync(url), "form.product-form");
        var secondForm = AdminClient.Form(await second.GetOkAsync(url), "form.product-form");

        var (saved, _) = await first.PostAsync(firstForm, new() { ["Input.Name"] = "Colombia Huila (first)" });
        var (conflict, page) = await second.PostAsync(secondForm, new() { ["Input.Name"] = "Colombia Huila (second)" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("Someone else changed this product while you were editing. Reload to see their changes.", page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal("Colombia Huila (second)", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Name']")!.Value);
        Assert.Equal("Colombia Huila (first)", (await app.ProductAsync("colombia-huila")).Name);
        Assert.Single(await app.AuditAsync("Product", product.Id.ToString()));
    }

    [Fact]
    public async Task DeactivatingAndActivating_TogglesTheProduct()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("brewing-masterclass");

        var (response, _) = await admin.SubmitAsync($"/Admin/Products/Edit/{product.Id}", "form.activation", new());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await app.ProductAsync("brewing-masterclass")).IsActive);

        (response, _) = await admin.SubmitAsync($"/Admin/Products/Edit/{product.Id}", "form.activation", new());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((await app.ProductAsync("brewing-masterclass")).IsActive);
        Assert.Equal(["product.deactivated", "product.activated"], (await app.AuditAsync("Product", product.Id.ToString())).Select(a => a.Action));
    }
}
