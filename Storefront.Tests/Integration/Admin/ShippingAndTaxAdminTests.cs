using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Storefront.Data.Shipping;
using Storefront.Data.Tax;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

public sealed class ShippingAndTaxAdminTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task CreatingAShippingRate_NormalisesCountries_AndAuditsIt()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, _) = await admin.SubmitAsync("/Admin/Shipping/Edit", "form.shipping-form", new()
        {
            ["Input.Name"] = "Economy", ["Input.Amount"] = "3.50", ["Input.MinDays"] = "5", ["Input.MaxDays"] = "9",
            ["Input.Countries"] = "us, ca ,mx", ["Input.FreeOver"] = "100",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rate = await ShippingAsync("Economy");
        Assert.Equal((350L, 5, 9, "US,CA,MX", (long?)10000, true), (rate.Amount, rate.DeliveryMinDays, rate.DeliveryMaxDays, rate.Countries, rate.FreeOverAmount, rate.IsActive));
        var audit = Assert.Single(await app.AuditAsync("ShippingRate", rate.Id.ToString()));
        Assert.Equal(("shipping.created", AdminClient.AdminEmail), (audit.Action, audit.Actor));
    }

    [Theory]
    [InlineData("5", "3", "US", "1.00", "Input.MaxDays", "The maximum days must be at least the minimum.")]
    [InlineData("1", "3", "USA, C4", "1.00", "Input.Countries", "Not a two-letter country code: USA, C4.")]
    [InlineData("1", "3", "", "1.00", "Input.Countries", "Enter at least one country code.")]
    [InlineData("1", "3", "US", "-1", "Input.Amount", "The amount is zero or more.")]
    [InlineData("1", "3", "US", "1.005", "Input.Amount", "Use at most 2 decimals.")]
    public async Task AnInvalidShippingRate_Is400(string min, string max, string countries, string amount, string field, string message)
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var count = await app.QueryAsync(db => db.ShippingRates.CountAsync());

        var (response, page) = await admin.SubmitAsync("/Admin/Shipping/Edit", "form.shipping-form", new()
        {
            ["Input.Name"] = "Broken", ["Input.Amount"] = amount, ["Input.MinDays"] = min, ["Input.MaxDays"] = max, ["Input.Countries"] = countries,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim());
        Assert.Equal(count, await app.QueryAsync(db => db.ShippingRates.CountAsync()));
    }

    [Fact]
    public async Task AStaleShippingEdit_Is409_AndDeactivateWorks()
    {
        using var first = await AdminClient.SignedInAsync(app);
        using var second = await AdminClient.SignedInAsync(app);
        var priority = await ShippingAsync("Priority");
        var url = $"/Admin/Shipping/Edit/{priority.Id}";
        var firstForm = AdminClient.Form(await first.GetOkAsync(url), "form.shipping-form");
        var secondForm = AdminClient.Form(await second.GetOkAsync(url), "form.shipping-form");

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(firstForm, new() { ["Input.Amount"] = "13.00" })).Response.StatusCode);
        var (conflict, page) = await second.PostAsync(secondForm, new() { ["Input.Amount"] = "9.00" });

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("Someone else changed this shipping rate while you were editing. Reload to see their changes.", page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(1300L, (await ShippingAsync("Priority")).Amount);

        var (deactivated, _) = await second.SubmitAsync(url, "form.activation", new());
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False((await ShippingAsync("Priority")).IsActive);
    }

    [Fact]
    public async Task DeletingAShippingRate_RemovesIt()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var international = await ShippingAsync("International");

        var (response, _) = await admin.SubmitAsync($"/Admin/Shipping/Edit/{international.Id}", "form.delete", new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.ShippingRates.AnyAsync(r => r.Name == "International")));
        Assert.Equal("shipping.deleted", (await app.AuditAsync("ShippingRate", international.Id.ToString())).Single().Action);
    }

    [Fact]
    public async Task CreatingAndEditingATaxRate_Works_AndAuditsTheChange()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, _) = await admin.SubmitAsync("/Admin/Tax/Edit", "form.tax-form", new()
        {
            ["Input.DisplayName"] = "Washington sales tax", ["Input.Country"] = "us", ["Input.State"] = "wa", ["Input.Percentage"] = "6.5",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rate = await TaxAsync("Washington sales tax");
        Assert.Equal(("US", "WA", 6.5m, false), (rate.Country, rate.State, rate.Percentage, rate.Inclusive));

        (response, _) = await admin.SubmitAsync($"/Admin/Tax/Edit/{rate.Id}", "form.tax-form", new() { ["Input.Percentage"] = "6.875" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(6.875m, (await TaxAsync("Washington sales tax")).Percentage);
        var audit = (await app.AuditAsync("TaxRate", rate.Id.ToString())).Last();
        Assert.Equal("tax.updated", audit.Action);
        Assert.Contains("\"percentage\":6.5", audit.Before);
        Assert.Contains("\"percentage\":6.875", audit.After);
    }

    [Theory]
    [InlineData("USA", "", "5", "Input.Country", "A country is a two-letter ISO code such as US.")]
    [InlineData("US", "", "100.5", "Input.Percentage", "A tax percentage is between 0 and 100.")]
    [InlineData("US", "", "-1", "Input.Percentage", "A tax percentage is between 0 and 100.")]
    [InlineData("US", "ca", "5", "Input.State", "There is already a tax rate for US-CA.")]
    public async Task AnInvalidTaxRate_Is400(string country, string state, string percentage, string field, string message)
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var count = await app.QueryAsync(db => db.TaxRates.CountAsync());

        var (response, page) = await admin.SubmitAsync("/Admin/Tax/Edit", "form.tax-form", new()
        {
            ["Input.DisplayName"] = "Bad tax", ["Input.Country"] = country, ["Input.State"] = state, ["Input.Percentage"] = percentage,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim());
        Assert.Equal(count, await app.QueryAsync(db => db.TaxRates.CountAsync()));
    }

    [Fact]
    public async Task AStaleTaxEdit_Is409()
    {
        using var first = await AdminClient.SignedInAsync(app);
        using var second = await AdminClient.SignedInAsync(app);
        var vat = await TaxAsync("VAT");
        var url = $"/Admin/Tax/Edit/{vat.Id}";
        var firstForm = AdminClient.Form(await first.GetOkAsync(url), "form.tax-form");
        var secondForm = AdminClient.Form(await second.GetOkAsync(url), "form.tax-form");

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(firstForm, new() { ["Input.DisplayName"] = "UK VAT" })).Response.StatusCode);
        var (conflict, page) = await second.PostAsync(secondForm, new() { ["Input.Percentage"] = "5" });

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("Someone else changed this tax rate", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(20m, (await TaxAsync("UK VAT")).Percentage);
    }

    private Task<ShippingRate> ShippingAsync(string name) => app.QueryAsync(db => db.ShippingRates.AsNoTracking().SingleAsync(r => r.Name == name));

    private Task<TaxRate> TaxAsync(string name) => app.QueryAsync(db => db.TaxRates.AsNoTracking().SingleAsync(r => r.DisplayName == name));
}
