using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

/// <summary>What the checkout page's script does: POST an intent as JSON with the page's antiforgery token.</summary>
public sealed class CheckoutActionClient(StorefrontAppFactory app, ShopperClient shopper, string sessionId)
{
    public string SessionId { get; } = sessionId;

    private string? token;

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string handler, object body)
    {
        token ??= await TokenAsync();
        var payload = JsonSerializer(body);
        payload["checkoutSessionId"] ??= SessionId;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/checkout?handler={handler}") { Content = JsonContent.Create(payload) };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await shopper.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["raw"] = text });
    }

    public Task<(HttpStatusCode Status, JsonObject Body)> IntervalAsync(string interval) => PostAsync("ChangeInterval", new { interval });

    public Task<(HttpStatusCode Status, JsonObject Body)> AddOnAsync(string addOn, bool included) => PostAsync("AddOn", new { addOn, included });

    public Task<(HttpStatusCode Status, JsonObject Body)> QuantityAsync(long lineId, int quantity) => PostAsync("Quantity", new { lineId, quantity });

    public Task<(HttpStatusCode Status, JsonObject Body)> CodeAsync(string code) => PostAsync("PromotionCode", new { code });

    public Task<(HttpStatusCode Status, JsonObject Body)> AddressAsync(string country, string? state, string postalCode = "10001")
    {
        app.Emulator.SetShippingDetails(SessionId, "Ada Shopper", new StripeEmulator.ShippingAddress("1 Main St", null, "City", state, postalCode, country));
        return PostAsync("AddressChanged", new { });
    }

    /// <summary>The session as Stripe (the emulator) holds it now.</summary>
    public JsonObject Session() => CheckoutFlow.Session(app, SessionId);

    /// <summary>
    /// The invariant: what the server quoted is exactly what Stripe will charge. In LinePrices mode the discount is
    /// inside Stripe's line prices (Stripe shows no discount); in Preview mode Stripe holds it as a session discount.
    /// </summary>
    public static void AssertTotalsMatch(JsonObject body, JsonObject session)
    {
        var totals = body["totals"]!;
        var stripeDiscount = (long)session["total_details"]!["amount_discount"]!;
        Assert.Equal((long)totals["subtotal"]! - (long)totals["discount"]!, (long)session["amount_subtotal"]! - stripeDiscount);
        if ((string?)body["discountMode"] == "Preview")
        {
            Assert.Equal((long)totals["subtotal"]!, (long)session["amount_subtotal"]!);
            Assert.Equal((long)totals["discount"]!, stripeDiscount);
        }
        else
        {
            Assert.Equal("LinePrices", (string?)body["discountMode"]);
            Assert.Equal(0, stripeDiscount);
        }

        Assert.Equal((long)totals["shipping"]!, (long)session["total_details"]!["amount_shipping"]!);
        Assert.Equal((long)totals["tax"]!, (long)session["total_details"]!["amount_tax"]!);
        Assert.Equal((long)totals["total"]!, (long)session["amount_total"]!);
    }

    /// <summary>The shopper's antiforgery token (bound to their cookies, not to a page), taken from any form.</summary>
    private async Task<string> TokenAsync()
    {
        var (_, page) = await shopper.GetAsync("/products/colombia-huila");
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static JsonObject JsonSerializer(object body) =>
        JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web))!.AsObject();
}
