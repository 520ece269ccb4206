using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data.Checkouts;
using Storefront.Data.Orders;
using Storefront.StripeEmulator;
using Storefront.Tests.Support;
using Storefront.Web.Checkout;
using Storefront.Web.Stripe;

namespace Storefront.Tests.Integration.Checkouts;

public sealed class WebhookFulfilmentTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    private static readonly string Secret = new CheckoutOptions().EmulatorWebhookSecret;

    [Fact]
    public async Task APaidSession_BecomesAnOrder_TakesTheStock_RaisesLifetimeSpend_AndEmptiesTheCart()
    {
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("shopper@storefront.local", "Shopper!23456");
        var stockBefore = await OnHandAsync("gooseneck-kettle");
        var spendBefore = await SpendAsync("shopper@storefront.local");
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("gooseneck-kettle", 2, null), ("latte-art-course", 1, null));

        var completion = app.Emulator.CompleteCheckoutSession(sessionId, PaymentOutcome.Succeeded);
        Assert.True(completion.Succeeded);
        var order = await CheckoutFlow.WaitForOrderAsync(app, sessionId);

        var session = CheckoutFlow.Session(app, sessionId);
        Assert.Equal((long)session["amount_total"]!, order.Total);
        Assert.Equal(2 * 5900 + 2900, order.Subtotal);
        Assert.Equal(1470, order.Discount);
        Assert.Equal(1470, order.Lines.Sum(l => l.AmountDiscount));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal("shopper@storefront.local", order.Email);
        Assert.StartsWith("pi_", order.PaymentIntentId);
        Assert.Equal(["Gooseneck Kettle", "Latte Art Course"], order.Lines.Select(l => l.Name));
        Assert.Equal([2, 1], order.Lines.Select(l => l.Quantity));
        Assert.Equal(stockBefore - 2, await OnHandAsync("gooseneck-kettle"));
        Assert.Equal(0, await CheckoutFlow.HeldAsync(app, "gooseneck-kettle"));
        Assert.Equal(spendBefore + order.Total, await SpendAsync("shopper@storefront.local"));
        Assert.Equal(CheckoutStatus.Complete, await CheckoutFlow.QueryAsync(app, db => db.Checkouts.Where(c => c.StripeSessionId == sessionId).Select(c => c.Status).SingleAsync()));
        var (_, cart) = await shopper.GetAsync("/cart");
        Assert.NotNull(cart.QuerySelector(".cart-empty"));

        var (returnResponse, returnPage) = await shopper.GetAsync($"/checkout/return?session_id={sessionId}");
        Assert.Equal(HttpStatusCode.OK, returnResponse.StatusCode);
        Assert.Equal("paid", returnPage.QuerySelector(".checkout-return")!.GetAttribute("data-state"));
        Assert.Equal(order.Number, returnPage.QuerySelector(".order-number")!.TextContent);
    }

    [Fact]
    public async Task ASubscriptionPurchase_RecordsTheSubscription()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("brew-club-digital", 1, "Month"));

        app.Emulator.CompleteCheckoutSession(sessionId, PaymentOutcome.Succeeded, email: "subscriber@example.com");
        var order = await CheckoutFlow.WaitForOrderAsync(app, sessionId);

        Assert.StartsWith("sub_", order.SubscriptionId);
        Assert.Equal(900, order.Total);
        Assert.Equal("subscriber@example.com", order.Email);
    }

    [Fact]
    public async Task APaidOrderWithACode_CountsARedemption()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("latte-art-course", 1, null));
        var (status, _) = await new CheckoutActionClient(app, shopper, sessionId).CodeAsync("WELCOME10");
        Assert.Equal(HttpStatusCode.OK, status);
        var before = await CheckoutFlow.QueryAsync(app, db => db.Promotions.Where(p => p.Code == "WELCOME10").Select(p => p.RedemptionCount).SingleAsync());

        app.Emulator.CompleteCheckoutSession(sessionId, PaymentOutcome.Succeeded, email: "coder@example.com");
        var order = await CheckoutFlow.WaitForOrderAsync(app, sessionId);

        Assert.Equal(2900 - 290, order.Total);
        Assert.Equal(before + 1, await CheckoutFlow.QueryAsync(app, db => db.Promotions.Where(p => p.Code == "WELCOME10").Select(p => p.RedemptionCount).SingleAsync()));
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("missing")]
    public async Task AnUnverifiableWebhook_Is400_AndFulfilsNothing(string kind)
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("colombia-huila", 1, null));
        var payload = CompletedEventFor(sessionId, "evt_test_" + kind);
        var header = kind switch
        {
            "forged" => WebhookSigning.Header(payload, "whsec_someone_else", DateTimeOffset.UtcNow),
            "stale" => WebhookSigning.Header(payload, Secret, DateTimeOffset.UtcNow.AddMinutes(-6)),
            _ => null,
        };

        var response = await PostWebhookAsync(payload, header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await CheckoutFlow.QueryAsync(app, db => db.Orders.AnyAsync(o => o.StripeSessionId == sessionId)));
        Assert.Equal(1, await CheckoutFlow.QueryAsync(app, db => db.InventoryHolds
            .Where(h => db.Checkouts.Any(c => c.Id == h.CheckoutId && c.StripeSessionId == sessionId)).SumAsync(h => h.Quantity)));
    }

    [Fact]
    public async Task ConcurrentDuplicateDeliveries_CreateExactlyOneOrder()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("house-blend-beans", 3, null));
        var stockBefore = await OnHandAsync("house-blend-beans");
        app.Emulator.Options.WebhookEndpoints.Clear();
        try
        {
            app.Emulator.CompleteCheckoutSession(sessionId, PaymentOutcome.Succeeded, email: "dupes@example.com");
            var eventId = app.Emulator.EventList.First(e => e.Type == "checkout.session.completed").Id;
            var payload = app.Emulator.GetEventJson(eventId)!;

            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                PostWebhookAsync(payload, WebhookSigning.Header(payload, Secret, DateTimeOffset.UtcNow))));
            var again = await PostWebhookAsync(payload, WebhookSigning.Header(payload, Secret, DateTimeOffset.UtcNow));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var outcomes = await Task.WhenAll(responses.Select(async r => (string?)JsonNode.Parse(await r.Content.ReadAsStringAsync())!["outcome"]));
            Assert.Single(outcomes, o => o == "Fulfilled");
            Assert.Equal("Duplicate", (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["outcome"]);
            Assert.Equal(1, await CheckoutFlow.QueryAsync(app, db => db.Orders.CountAsync(o => o.StripeSessionId == sessionId)));
            Assert.Equal(stockBefore - 3, await OnHandAsync("house-blend-beans"));
        }
        finally
        {
            app.Emulator.Options.WebhookEndpoints.Add(new WebhookEndpoint("http://localhost" + StripeWebhookEndpoint.Path, Secret));
        }
    }

    [Fact]
    public async Task AnExpiredSession_ReleasesItsHolds()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("ethiopia-yirgacheffe", 2, null));
        Assert.Equal(2, await CheckoutFlow.HeldAsync(app, "ethiopia-yirgacheffe"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IStripeGateway>().ExpireCheckoutSessionAsync(sessionId);
        }

        await CheckoutFlow.WaitUntilAsync(async () => await CheckoutFlow.HeldAsync(app, "ethiopia-yirgacheffe") == 0);
        Assert.Equal(CheckoutStatus.Expired, await CheckoutFlow.QueryAsync(app, db => db.Checkouts.Where(c => c.StripeSessionId == sessionId).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task TheReturnPage_NeverCreatesAnOrder_ItWaitsForTheWebhook()
    {
        using var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("french-press", 1, null));
        app.Emulator.Options.WebhookEndpoints.Clear();
        try
        {
            app.Emulator.CompleteCheckoutSession(sessionId, PaymentOutcome.Succeeded, email: "patient@example.com");

            var (response, page) = await shopper.GetAsync($"/checkout/return?session_id={sessionId}");
            var (again, _) = await shopper.GetAsync($"/checkout/return?session_id={sessionId}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("processing", page.QuerySelector(".checkout-return")!.GetAttribute("data-state"));
            Assert.False(await CheckoutFlow.QueryAsync(app, db => db.Orders.AnyAsync(o => o.StripeSessionId == sessionId)));
            Assert.Equal(1, await CheckoutFlow.HeldAsync(app, "french-press"));
        }
        finally
        {
            app.Emulator.Options.WebhookEndpoints.Add(new WebhookEndpoint("http://localhost" + StripeWebhookEndpoint.Path, Secret));
        }
    }

    [Fact]
    public async Task OtherEventTypes_AreAcknowledgedAndIgnored()
    {
        const string payload = """{"id":"evt_other_1","object":"event","type":"customer.created","api_version":"2026-10-28.endive","created":1,"livemode":false,"data":{"object":{"id":"cus_1","object":"customer"}}}""";
        var response = await PostWebhookAsync(payload, WebhookSigning.Header(payload, Secret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ignored", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["outcome"]);
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(string payload, string? signature)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, StripeWebhookEndpoint.Path) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return await client.SendAsync(request);
    }

    private string CompletedEventFor(string sessionId, string eventId)
    {
        var session = JsonNode.Parse(app.Emulator.GetSessionJson(sessionId)!)!;
        return new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["type"] = "checkout.session.completed",
            ["api_version"] = Storefront.Web.Stripe.StripeOptions.PinnedApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["data"] = new JsonObject { ["object"] = session },
        }.ToJsonString();
    }

    private Task<int> OnHandAsync(string slug) =>
        CheckoutFlow.QueryAsync(app, db => db.StockLevels.Where(s => db.Products.Any(p => p.Id == s.ProductId && p.Slug == slug)).Select(s => s.OnHand).SingleAsync());

    private Task<long> SpendAsync(string email) =>
        CheckoutFlow.QueryAsync(app, db => db.Users.Where(u => u.Email == email).Select(u => u.LifetimeSpend).SingleAsync());
}
