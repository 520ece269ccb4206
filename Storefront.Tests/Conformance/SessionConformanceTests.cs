using System.Net;
using System.Text;
using Storefront.Web.Stripe;
using Stripe;
using Stripe.Checkout;
using static Storefront.Tests.Conformance.ConformanceSupport;

namespace Storefront.Tests.Conformance;

/// <summary>Every call the shop makes, as Stripe.net (pinned 2026-10-28.endive) makes it, against the emulator over a real socket.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class SessionConformanceTests(ConformanceHost host)
{
    private IStripeClient Client => host.Client;

    [Fact]
    public async Task Create_RetrieveWithExpand_AndExpire()
    {
        var mug = await Client.NewPrice(1200, name: "Mug");
        var created = await host.Gateway.CreateCheckoutSessionAsync(new SessionCreateOptions
        {
            UiMode = "elements",
            Mode = "payment",
            ReturnUrl = ReturnUrl,
            LineItems = [Line(mug, 2)],
            ShippingOptions = [new SessionShippingOptionOptions { ShippingRateData = new() { DisplayName = "Ground", Type = "fixed_amount", FixedAmount = new() { Amount = 500, Currency = "usd" } } }],
            Permissions = new SessionPermissionsOptions { UpdateShippingDetails = "server_only" },
            ClientReferenceId = "order-17",
            Metadata = new Dictionary<string, string> { ["checkout_id"] = "17" },
            Expand = ["line_items"],
        }, Unique("create"));

        Assert.StartsWith("cs_test_", created.Id);
        Assert.Equal("elements", created.UiMode);
        Assert.Equal(2400, created.AmountSubtotal);
        Assert.Equal(2900, created.AmountTotal);
        Assert.Equal(500, created.TotalDetails.AmountShipping);
        Assert.Equal("server_only", created.Permissions.UpdateShippingDetails);
        Assert.Equal("17", created.Metadata["checkout_id"]);
        var item = Assert.Single(created.LineItems.Data);
        Assert.StartsWith("li_", item.Id);
        Assert.Equal(mug, item.Price.Id);

        var plain = await host.Gateway.GetCheckoutSessionAsync(created.Id);
        Assert.Null(plain.LineItems);
        var expanded = await host.Gateway.GetCheckoutSessionAsync(created.Id, expandLineItems: true);
        Assert.Equal(item.Id, Assert.Single(expanded.LineItems.Data).Id);

        var expired = await host.Gateway.ExpireCheckoutSessionAsync(created.Id, Unique("expire"));
        Assert.Equal("expired", expired.Status);
        await AssertStripeError(() => host.Gateway.ExpireCheckoutSessionAsync(created.Id, Unique("expire")), HttpStatusCode.BadRequest, "invalid_request_error", null, null);
        await AssertStripeError(() => host.Gateway.UpdateCheckoutSessionAsync(created.Id, new SessionUpdateOptions { Metadata = new() { ["a"] = "b" } }), HttpStatusCode.BadRequest, "invalid_request_error", null, null);
    }

    [Fact]
    public async Task LineItemUpdates_AreGaOnEndive_KeepChangeAddRemoveReorder_WithTaxRates()
    {
        var a = await Client.NewPrice(1000, name: "A");
        var b = await Client.NewPrice(250, name: "B");
        var c = await Client.NewPrice(999, name: "C");
        var tax = await Client.NewTaxRate(8.875m, inclusive: false, name: "NY");
        var session = await host.Gateway.CreateCheckoutSessionAsync(new SessionCreateOptions
        {
            UiMode = "elements", Mode = "payment", ReturnUrl = ReturnUrl, LineItems = [Line(a, 1, tax), Line(b, 2, tax)], Expand = ["line_items"],
        });
        var (liA, liB) = (session.LineItems.Data[0].Id, session.LineItems.Data[1].Id);

        // No beta flag: line items and shipping options are GA from 2025-12-15.clover on.
        var updated = await host.Gateway.UpdateCheckoutSessionAsync(session.Id, new SessionUpdateOptions
        {
            LineItems =
            [
                new SessionLineItemOptions { Price = c, Quantity = 3, TaxRates = [tax] },
                new SessionLineItemOptions { Id = liB, Quantity = 5 },
            ],
            Expand = ["line_items"],
        }, Unique("update"));

        Assert.Equal(["C", "B"], updated.LineItems.Data.Select(i => i.Description));
        Assert.Equal(liB, updated.LineItems.Data[1].Id);
        Assert.DoesNotContain(updated.LineItems.Data, i => i.Id == liA);
        Assert.Equal([3L, 5L], updated.LineItems.Data.Select(i => i.Quantity ?? 0));
        Assert.Equal((3 * 999) + (5 * 250), updated.AmountSubtotal);
        // Tax per line, rounded per line: 2997 × 8.875 % = 265.98 → 266; 1250 × 8.875 % = 110.94 → 111.
        Assert.Equal(266 + 111, updated.TotalDetails.AmountTax);

        var kept = await host.Gateway.UpdateCheckoutSessionAsync(session.Id, new SessionUpdateOptions
        {
            LineItems = [new SessionLineItemOptions { Id = liB }, new SessionLineItemOptions { Id = updated.LineItems.Data[0].Id, TaxRates = [] }],
            ShippingOptions = [],
            Expand = ["line_items"],
        });
        Assert.Equal(["B", "C"], kept.LineItems.Data.Select(i => i.Description));
        Assert.Equal(111, kept.TotalDetails.AmountTax);
    }

    [Fact]
    public async Task PriceData_LinesAtDiscountedAmounts_TotalLikeACouponOnCatalogPrices()
    {
        var price = await Client.NewPrice(1200, name: "Mug");
        var withCoupon = await host.Client.NewSession(Line(price, 3));
        var coupon = new SessionUpdateOptions();
        coupon.AddExtraParam("discounts[0][coupon_data][name]", "Loyalty");
        coupon.AddExtraParam("discounts[0][coupon_data][amount_off]", 301);
        coupon.AddExtraParam("discounts[0][coupon_data][currency]", "usd");
        withCoupon = await host.Gateway.UpdateCheckoutSessionAsync(withCoupon.Id, coupon, preview: true);

        var folded = await host.Client.NewSession(new SessionLineItemOptions
        {
            PriceData = new SessionLineItemPriceDataOptions { Currency = "usd", UnitAmount = 3600 - 301, ProductData = new() { Name = "3 × Mug" } },
            Quantity = 1,
        });

        Assert.Equal(withCoupon.AmountTotal, folded.AmountTotal);
        Assert.Equal(withCoupon.AmountSubtotal - withCoupon.TotalDetails.AmountDiscount, folded.AmountSubtotal);
        Assert.Equal(0, folded.TotalDetails.AmountDiscount);
    }

    [Fact]
    public async Task PreviewParameters_WithoutTheBetaFlag_AreUnknown_AndTheShopRecognisesTheRefusal()
    {
        var session = await Client.NewSession(Line(await Client.NewPrice(500), 1));
        var update = new SessionUpdateOptions();
        update.AddExtraParam("discounts", "");

        var ex = await AssertStripeError(() => host.Gateway.UpdateCheckoutSessionAsync(session.Id, update), HttpStatusCode.BadRequest,
            "invalid_request_error", "parameter_unknown", "discounts", "Received unknown parameter: discounts");
        Assert.True(PreviewAccess.IsPreviewRefusal(ex));

        var create = new SessionCreateOptions { UiMode = "elements", Mode = "payment", ReturnUrl = ReturnUrl, LineItems = [Line(await Client.NewPrice(500), 1)] };
        create.AddExtraParam("permissions[update_line_items]", "server_only");
        var refused = await AssertStripeError(() => host.Gateway.CreateCheckoutSessionAsync(create), HttpStatusCode.BadRequest,
            "invalid_request_error", "parameter_unknown", "permissions[update_line_items]");
        Assert.True(PreviewAccess.IsPreviewRefusal(refused));
    }

    [Fact]
    public async Task AnAccountWithoutPreviewAccess_RefusesTheFlaggedParameters_Too()
    {
        var session = await Client.NewSession(Line(await Client.NewPrice(500), 1));
        using var http = new HttpClient();
        await SetPreviewAccessAsync(http, false);
        try
        {
            var update = new SessionUpdateOptions();
            update.AddExtraParam("discounts", "");
            var ex = await AssertStripeError(() => host.Gateway.UpdateCheckoutSessionAsync(session.Id, update, preview: true), HttpStatusCode.BadRequest,
                "invalid_request_error", "parameter_unknown", "discounts");
            Assert.True(PreviewAccess.IsPreviewRefusal(ex));
        }
        finally
        {
            await SetPreviewAccessAsync(http, true);
        }
    }

    [Fact]
    public async Task OldUiModeNames_FailOnEndive()
    {
        var create = new SessionCreateOptions { UiMode = "custom", Mode = "payment", ReturnUrl = ReturnUrl, LineItems = [Line(await Client.NewPrice(500), 1)] };

        await AssertStripeError(() => host.Gateway.CreateCheckoutSessionAsync(create), HttpStatusCode.BadRequest, "invalid_request_error", "parameter_invalid_enum", "ui_mode");
    }

    [Fact]
    public async Task Errors_AreTypedStripeExceptions()
    {
        await AssertStripeError(() => host.Gateway.GetCheckoutSessionAsync("cs_test_nope"), HttpStatusCode.NotFound, "invalid_request_error", "resource_missing", "id");
        await AssertStripeError(() => Client.NewSession(Line("price_nope", 1)), HttpStatusCode.BadRequest, "invalid_request_error", "resource_missing", "line_items[0][price]");
    }

    [Fact]
    public async Task Idempotency_ReplaysTheFirstAnswer_AndRefusesOtherParameters()
    {
        var key = Unique("idem");
        var first = await host.Gateway.CreateTaxRateAsync(new TaxRateCreateOptions { DisplayName = "VAT", Percentage = 20m, Inclusive = true }, key);
        var again = await host.Gateway.CreateTaxRateAsync(new TaxRateCreateOptions { DisplayName = "VAT", Percentage = 20m, Inclusive = true }, key);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal("true", again.StripeResponse.Headers.TryGetValues("Idempotent-Replayed", out var v) ? v.Single() : null);

        await AssertStripeError(() => host.Gateway.CreateTaxRateAsync(new TaxRateCreateOptions { DisplayName = "VAT", Percentage = 19m, Inclusive = true }, key),
            HttpStatusCode.BadRequest, "idempotency_error", null, null);
    }

    [Fact]
    public async Task AutoPaging_WalksEveryPage()
    {
        var lookup = Unique("page");
        var product = await new ProductService(Client).CreateAsync(new ProductCreateOptions { Name = lookup });
        for (var i = 0; i < 5; i++)
            await host.Gateway.CreatePriceAsync(new PriceCreateOptions { Currency = "usd", UnitAmount = 100 + i, Product = product.Id });

        var all = new List<Price>();
        await foreach (var price in new PriceService(Client).ListAutoPagingAsync(new PriceListOptions { Product = product.Id, Limit = 2 }))
            all.Add(price);

        Assert.Equal([104L, 103L, 102L, 101L, 100L], all.Select(p => p.UnitAmount ?? 0).OrderDescending());
        Assert.Equal(5, all.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task Webhooks_ParseWithEventUtility_OnThePinnedVersion()
    {
        var session = await Client.NewSession(Line(await Client.NewPrice(700), 1));
        var mark = host.Webhooks.Count;
        await host.Gateway.ExpireCheckoutSessionAsync(session.Id);

        ConformanceWebhook? hook = null;
        for (var i = 0; i < 100 && hook is null; i++)
        {
            hook = host.Webhooks.Skip(mark).FirstOrDefault(w => Encoding.UTF8.GetString(w.Body).Contains(session.Id, StringComparison.Ordinal));
            if (hook is null) await Task.Delay(50);
        }

        Assert.NotNull(hook);
        var ev = EventUtility.ConstructEvent(Encoding.UTF8.GetString(hook.Body), hook.Signature, ConformanceHost.WebhookSecret, 300);
        Assert.Equal(EventTypes.CheckoutSessionExpired, ev.Type);
        Assert.Equal("2026-10-28.endive", ev.ApiVersion);
        Assert.Equal(session.Id, Assert.IsType<Session>(ev.Data.Object).Id);
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(Encoding.UTF8.GetString(hook.Body), hook.Signature, "whsec_other", 300));
    }

    private async Task SetPreviewAccessAsync(HttpClient http, bool enabled)
    {
        using var response = await http.PostAsync(host.ApiBase + "/_emulator/preview_access",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("enabled", enabled ? "true" : "false")]));
        response.EnsureSuccessStatusCode();
    }
}
