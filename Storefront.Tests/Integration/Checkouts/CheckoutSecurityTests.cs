using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.StripeEmulator;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

/// <summary>The client sends a session id and an intent, nothing else; every other shape of request changes nothing.</summary>
public sealed class CheckoutSecurityTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Theory]
    [InlineData("Quantity", """{"lineId":LINE,"quantity":2,"unitAmount":1}""")]
    [InlineData("Quantity", """{"lineId":LINE,"quantity":2,"amount":1}""")]
    [InlineData("AddOn", """{"addOn":"gift-wrap","included":true,"price":0}""")]
    [InlineData("AddOn", """{"addOn":"gift-wrap","included":true,"product":"gooseneck-kettle"}""")]
    [InlineData("ChangeInterval", """{"interval":"year","priceId":1}""")]
    [InlineData("Quantity", """{"lineId":LINE,"quantity":"lots"}""")]
    [InlineData("Quantity", """not json""")]
    public async Task AClientSuppliedPriceAmountOrProduct_Is400_AndNothingChanges(string handler, string json)
    {
        var (shopper, actions) = await StartAsync();
        var lineId = await CheckoutFlow.LineIdAsync(app, actions.SessionId);
        var before = await SnapshotAsync(actions.SessionId);
        var token = await TokenAsync(shopper, actions.SessionId);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/checkout?handler={handler}")
        {
            Content = new StringContent(json.Replace("{", "{\"checkoutSessionId\":\"" + actions.SessionId + "\",", StringComparison.Ordinal).Replace("LINE", lineId.ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await shopper.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", (string?)(await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["type"]);
        Assert.Equal(before, await SnapshotAsync(actions.SessionId));
    }

    [Fact]
    public async Task AnotherVisitorsSessionId_IsNotFound_AndTheirCheckoutIsUntouched()
    {
        var (_, victim) = await StartAsync();
        var before = await SnapshotAsync(victim.SessionId);
        var (attackerShopper, _) = await StartAsync();
        var attacker = new CheckoutActionClient(app, attackerShopper, victim.SessionId);

        var attempts = new[]
        {
            await attacker.AddOnAsync("gift-wrap", true),
            await attacker.QuantityAsync(await CheckoutFlow.LineIdAsync(app, victim.SessionId), 3),
            await attacker.CodeAsync("WELCOME10"),
            await attacker.PostAsync("ClientSecret", new { }),
        };

        Assert.All(attempts, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.Equal(before, await SnapshotAsync(victim.SessionId));
    }

    [Fact]
    public async Task AnUnknownSessionId_IsNotFound()
    {
        var (shopper, actions) = await StartAsync();
        var (status, body) = await new CheckoutActionClient(app, shopper, "cs_test_doesnotexist").AddOnAsync("gift-wrap", true);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No such checkout.", (string?)body["message"]);
        _ = actions;
    }

    [Fact]
    public async Task ACompletedSession_IsNoLongerUpdatable()
    {
        var (_, actions) = await StartAsync();
        app.Emulator.CompleteCheckoutSession(actions.SessionId, PaymentOutcome.Succeeded, email: "done@example.com");
        await CheckoutFlow.WaitForOrderAsync(app, actions.SessionId);
        var before = await SnapshotAsync(actions.SessionId);

        var (status, body) = await actions.AddOnAsync("gift-wrap", true);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Session is no longer updatable", (string?)body["message"]);
        Assert.Equal(before, await SnapshotAsync(actions.SessionId));
    }

    [Fact]
    public async Task AnExpiredSession_IsNoLongerUpdatable_AndHoldsNothing()
    {
        var (_, actions) = await StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Storefront.Web.Stripe.IStripeGateway>().ExpireCheckoutSessionAsync(actions.SessionId);
        }

        await CheckoutFlow.WaitUntilAsync(async () => await CheckoutFlow.QueryAsync(app, db => db.Checkouts.AnyAsync(c => c.StripeSessionId == actions.SessionId && c.Status == Data.Checkouts.CheckoutStatus.Expired)));
        var (status, body) = await actions.QuantityAsync(await CheckoutFlow.LineIdAsync(app, actions.SessionId), 2);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Session is no longer updatable", (string?)body["message"]);
        Assert.Equal(0, await CheckoutFlow.QueryAsync(app, db => db.InventoryHolds.CountAsync(h => db.Checkouts.Any(c => c.Id == h.CheckoutId && c.StripeSessionId == actions.SessionId))));
    }

    [Fact]
    public async Task AnActionWithoutTheAntiforgeryToken_IsRefused()
    {
        var (shopper, actions) = await StartAsync();
        var before = await SnapshotAsync(actions.SessionId);

        var response = await shopper.Http.PostAsJsonAsync("/checkout?handler=AddOn", new { checkoutSessionId = actions.SessionId, addOn = "gift-wrap", included = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(actions.SessionId));
    }

    private async Task<(ShopperClient Shopper, CheckoutActionClient Actions)> StartAsync()
    {
        var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, ("colombia-huila", 1, null));
        return (shopper, new CheckoutActionClient(app, shopper, sessionId));
    }

    /// <summary>Everything an attack could change: the Stripe session, the stored lines and the holds.</summary>
    private async Task<string> SnapshotAsync(string sessionId)
    {
        var session = CheckoutFlow.Session(app, sessionId);
        session.Remove("expires_at");
        var lines = await CheckoutFlow.QueryAsync(app, db => db.CheckoutLines
            .Where(l => db.Checkouts.Any(c => c.Id == l.CheckoutId && c.StripeSessionId == sessionId))
            .OrderBy(l => l.Position).Select(l => $"{l.ProductId}:{l.PriceId}:{l.Quantity}:{l.StripeLineItemId}").ToListAsync());
        var holds = await CheckoutFlow.QueryAsync(app, db => db.InventoryHolds
            .Where(h => db.Checkouts.Any(c => c.Id == h.CheckoutId && c.StripeSessionId == sessionId))
            .Select(h => $"{h.ProductId}:{h.Quantity}").ToListAsync());
        return $"{session.ToJsonString()}|{string.Join(",", lines)}|{string.Join(",", holds)}";
    }

    private static async Task<string> TokenAsync(ShopperClient shopper, string sessionId)
    {
        var (_, page) = await shopper.GetAsync($"/checkout?session_id={sessionId}");
        return page.QuerySelector("#checkout")!.GetAttribute("data-antiforgery")!;
    }
}
