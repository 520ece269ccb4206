using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Storefront.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Storefront.Tests.Emulator.StripeJs;

/// <summary>
/// The stand-in must hand the page the same session object as Stripe.js endive. Sessions in several states are
/// captured from <c>actions.getSession()</c> in Chromium and type-checked with TypeScript (strict) as object literals
/// assigned to <c>StripeCheckoutSession</c> of @stripe/stripe-js: a missing field, a wrong type and an extra field
/// (excess property check) all fail. Also: the stand-in offers nothing of the basil surface, and sends the preview
/// beta flag only for sessions with preview permissions.
/// </summary>
public sealed class StripeJsSessionTypeTests(StripeJsHost host, ChromiumFixture chromium)
    : IClassFixture<StripeJsHost>, IClassFixture<ChromiumFixture>
{
    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> Open(JsonObject session, string query = "")
    {
        var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"{host.Origin}/shop/checkout?secret={Uri.EscapeDataString(session.S("client_secret"))}{query}");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        return (context, page, errors);
    }

    private static Task<string> Capture(IPage page) => page.EvaluateAsync<string>("() => JSON.stringify(window.actions.getSession(), null, 2)");

    private static async Task FillCard(IPage page, string number)
    {
        await page.GetByLabel("Card number").FillAsync(number);
        await page.GetByLabel("Expiry (MM / YY)").FillAsync("12 / 34");
        await page.GetByLabel("CVC").FillAsync("123");
    }

    /// <summary>Captured sessions: every optional part present somewhere (discount, taxes, shipping, recurring, errors).</summary>
    private async Task<List<string>> CaptureSessionsAsync()
    {
        var captured = new List<string>();

        // USD, exclusive tax, a forever percent-off coupon, a shipping option, an address, then a declined card.
        var tax = await host.Http.NewTaxRate("8.875", inclusive: false, "NY sales tax");
        var coupon = (await host.Http.Create("v1/coupons", new Form(("percent_off", 10), ("duration", "forever"), ("name", "Ten off")))).S("id");
        var rate = (await host.Http.Create("v1/shipping_rates", new Form(("display_name", "Courier"), ("type", "fixed_amount"),
            ("fixed_amount[amount]", 500), ("fixed_amount[currency]", "usd"),
            ("delivery_estimate[minimum][unit]", "business_day"), ("delivery_estimate[minimum][value]", 2),
            ("delivery_estimate[maximum][unit]", "business_day"), ("delivery_estimate[maximum][value]", 4)))).S("id");
        var usd = await host.NewSession(1500, 2, extra: f => f.Add("line_items[0][tax_rates][0]", tax).Add("discounts[0][coupon]", coupon)
            .Add("shipping_options[0][shipping_rate]", rate));
        var (context, page, errors) = await Open(usd, "&shipping=1");
        await using (context)
        {
            captured.Add(await Capture(page));
            var stored = await page.EvaluateAsync<string>("""
                () => window.actions.updateShippingAddress({ name: 'Ada', address: { line1: '1 Main St', line2: null, city: 'New York', state: 'NY', postal_code: '10001', country: 'US' } })
                  .then(r => r.type)
                """);
            Assert.Equal("success", stored);
            await FillCard(page, "4000 0000 0000 0002");
            var declined = await page.EvaluateAsync<string>("() => window.actions.confirm().then(r => r.type + ':' + r.error.code + ':' + r.error.paymentFailed.declineCode)");
            Assert.Equal("error:paymentFailed:generic_decline", declined);
            var session = await Capture(page);
            Assert.Contains("\"lastPaymentError\": {", session, StringComparison.Ordinal);
            Assert.Contains("\"percentage\": 8.875", session, StringComparison.Ordinal);
            captured.Add(session);
            Assert.Empty(errors);
        }

        // JPY with an inclusive tax, no email yet.
        var vat = await host.Http.NewTaxRate("10", inclusive: true, "JP consumption tax");
        var jpy = await host.NewSession(1500, 3, "jpy", email: null, extra: f => f.Add("line_items[0][tax_rates][0]", vat));
        (context, page, errors) = await Open(jpy);
        await using (context)
        {
            captured.Add(await Capture(page));
            Assert.Empty(errors);
        }

        // A subscription with a repeating coupon, then expired behind the page's back.
        var monthly = await host.Http.NewPrice(900, name: "Tea club", interval: "month");
        var repeating = (await host.Http.Create("v1/coupons", new Form(("amount_off", 100), ("currency", "usd"), ("duration", "repeating"),
            ("duration_in_months", 3), ("name", "Three months")))).S("id");
        var subscription = await host.Http.Create("v1/checkout/sessions", new Form(("ui_mode", "custom"), ("mode", "subscription"),
            ("return_url", host.Origin + "/shop/return?session_id={CHECKOUT_SESSION_ID}"), ("line_items[0][price]", monthly),
            ("line_items[0][quantity]", 1), ("customer_email", "sub@example.test"), ("discounts[0][coupon]", repeating)));
        (context, page, errors) = await Open(subscription);
        await using (context)
        {
            var open = await Capture(page);
            Assert.Contains("\"recurring\": {", open, StringComparison.Ordinal);
            captured.Add(open);
            await host.Http.Post($"v1/checkout/sessions/{subscription.S("id")}/expire");
            await page.EvaluateAsync("() => window.actions.runServerUpdate(() => Promise.resolve())");
            var expired = await Capture(page);
            Assert.Contains("\"type\": \"expired\"", expired, StringComparison.Ordinal);
            captured.Add(expired);
            Assert.Empty(errors);
        }

        return captured;
    }

    private static string TypeCheckSource(IReadOnlyList<string> sessions)
    {
        var source = new StringBuilder($"import type {{ StripeCheckoutSession }} from '{TypeScriptCompiler.StripeJsTypes}';\n");
        for (var i = 0; i < sessions.Count; i++)
        {
            source.Append($"export const session{i}: StripeCheckoutSession = {sessions[i]};\n");
        }

        return source.ToString();
    }

    [Fact]
    public async Task CapturedSessions_TypeCheck_AsStripeCheckoutSession_Exactly()
    {
        var sessions = await CaptureSessionsAsync();
        Assert.Equal(5, sessions.Count);

        var result = await TypeScriptCompiler.CheckSourceAsync(TypeCheckSource(sessions));
        Assert.True(result.Passed, "The stand-in's session is not a StripeCheckoutSession:\n" + result.Output);

        // The same check fails on an extra field and on a missing one, so a drift of the stand-in cannot pass unnoticed.
        var extra = JsonNode.Parse(sessions[0])!.AsObject();
        extra["clientSecret"] = "cs_secret";
        var withExtra = await TypeScriptCompiler.CheckSourceAsync(TypeCheckSource([extra.ToJsonString()]));
        Assert.False(withExtra.Passed);
        Assert.Contains("TS2353", withExtra.Output, StringComparison.Ordinal); // excess property in an object literal
        Assert.Contains("clientSecret", withExtra.Output, StringComparison.Ordinal);

        var missing = JsonNode.Parse(sessions[0])!.AsObject();
        missing.Remove("minorUnitsAmountDivisor");
        var withoutField = await TypeScriptCompiler.CheckSourceAsync(TypeCheckSource([missing.ToJsonString()]));
        Assert.False(withoutField.Passed);
        Assert.Contains("minorUnitsAmountDivisor", withoutField.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CapturedSession_Figures_MatchTheApi()
    {
        var tax = await host.Http.NewTaxRate("20", inclusive: true, "VAT");
        var session = await host.NewSession(1200, 1, extra: f => f.Add("line_items[0][tax_rates][0]", tax));
        var (context, page, errors) = await Open(session);
        await using var _ = context;
        var s = JsonNode.Parse(await Capture(page))!.AsObject();
        Assert.Equal(100, s.L("minorUnitsAmountDivisor"));
        Assert.Equal("ready", s["tax"].S("status"));
        var line = s["lineItems"]![0]!;
        Assert.Equal(200, line["taxInclusive"].L("minorUnitsAmount")); // 1200 × 20 / 120
        Assert.Equal(0, line["taxExclusive"].L("minorUnitsAmount"));
        Assert.StartsWith("price_", line.S("priceId"));
        Assert.Equal("VAT", s["taxAmounts"]![0].S("displayName"));
        Assert.True((bool)s["taxAmounts"]![0]!["inclusive"]!);
        Assert.Equal(1200, s["total"]!["total"].L("minorUnitsAmount"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task BasilEntryPoint_Throws_AndOnlyTheEndiveSurfaceExists()
    {
        var session = await host.NewSession(1000, 1);
        var (context, page, errors) = await Open(session);
        await using var _ = context;
        var basil = await page.EvaluateAsync<string>("""
            () => { try { Stripe('pk_test_x').initCheckout({ fetchClientSecret: () => Promise.resolve('x') }); return 'returned'; } catch (e) { return 'threw:' + e.message; } }
            """);
        Assert.StartsWith("threw:stripe.initCheckout is not available", basil, StringComparison.Ordinal);
        var surface = await page.EvaluateAsync<string>("() => [typeof window.checkout.session, typeof window.checkout.runServerUpdate, typeof window.checkout.confirm, typeof window.actions.getSession].join(',')");
        Assert.Equal("undefined,undefined,undefined,function", surface);

        var bad = await page.EvaluateAsync<string>("""
            async () => {
              const checkout = Stripe('pk_test_x').initCheckoutElementsSdk({ clientSecret: Promise.reject(new Error('no secret for you')) });
              const r = await checkout.loadActions();
              return r.type + ':' + r.error.code + ':' + r.error.message;
            }
            """);
        Assert.Equal("error:null:no secret for you", bad);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task BetaFlag_IsSent_OnlyWhenTheSessionHasPreviewPermissions()
    {
        async Task<List<string>> VersionsAfterLoad(JsonObject session)
        {
            var (context, page, errors) = await Open(session);
            await using var _ = context;
            var versions = new List<string>();
            page.Request += (_, request) =>
            {
                if (request.Url.Contains("/_js/", StringComparison.Ordinal))
                {
                    versions.Add(request.Headers.TryGetValue("stripe-version", out var v) ? v : "(none)");
                }
            };
            Assert.Equal("success", await page.EvaluateAsync<string>("() => window.actions.updateEmail('beta@example.test').then(r => r.type)"));
            Assert.Empty(errors);
            return versions;
        }

        var plain = await VersionsAfterLoad(await host.NewSession(1000, 1));
        Assert.Equal(["2026-10-28.endive"], plain);

        var preview = await VersionsAfterLoad(await host.NewSession(1000, 1, extra: f => f.Add("permissions[update_line_items]", "server_only")));
        Assert.Equal(["2026-10-28.endive; checkout_server_update_beta=v1"], preview);
    }
}
