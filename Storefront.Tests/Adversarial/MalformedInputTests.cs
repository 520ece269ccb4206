using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.StripeEmulator;
using Storefront.Tests.Integration;
using Storefront.Tests.Integration.Checkouts;
using Storefront.Tests.Support;

namespace Storefront.Tests.Adversarial;

/// <summary>Issue 11 items 3, 5 and 9: bodies that do not bind, missing handlers, odd methods and charsets are clear 4xx.</summary>
public sealed class MalformedInputTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    public static TheoryData<string, string> UnbindableBodies => new()
    {
        { "ClientSecret", """{"checkoutSessionId":"SESSION","extra":1}""" },
        { "ClientSecret", "[]" },
        { "ClientSecret", "null" },
        { "ClientSecret", """{"checkoutSessionId":"SESS""" },
        { "ClientSecret", """{"checkoutSessionId":5}""" },
        { "ClientSecret", """{"checkoutSessionId":"SESSION","checkoutSessionId":"cs_other"}""" },
        { "ClientSecret", "" },
        { "Quantity", "null" },
        { "Quantity", "[]" },
        { "Quantity", """{"checkoutSessionId":"SESSION","lineId":1,"quantity":2,"quantity":3}""" },
        { "Quantity", """{"checkoutSessionId":"SESSION","lineId":{},"quantity":2}""" },
        { "AddOn", """{"checkoutSessionId":"SESSION","addOn":"gift-wrap","included":"yes"}""" },
        { "RemovePromotionCode", "{" },
        { "AddressChanged", "\"SESSION\"" },
        { "ChangeInterval", new string('[', 200) + new string(']', 200) },
    };

    [Theory]
    [MemberData(nameof(UnbindableBodies))]
    public async Task ABodyThatDoesNotBind_Is400WithAMessage_AndChangesNothing(string handler, string body)
    {
        var (shopper, actions) = await StartAsync();
        var version = await VersionAsync(actions.SessionId);

        var response = await PostRawAsync(shopper, actions.SessionId, handler, body.Replace("SESSION", actions.SessionId, StringComparison.Ordinal), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", (string?)json["type"]);
        Assert.StartsWith("That request is not valid", (string?)json["message"]);
        Assert.Equal(version, await VersionAsync(actions.SessionId));
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task AJsonHandler_RefusesOtherMediaTypesAndCharsets_With415(string contentType)
    {
        var (shopper, actions) = await StartAsync();

        var response = await PostRawAsync(shopper, actions.SessionId, "ClientSecret", $$"""{"checkoutSessionId":"{{actions.SessionId}}"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("error", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]);
    }

    [Fact]
    public async Task PostingToCheckoutWithoutAHandler_Is405_AndAnUnknownHandler_Is404()
    {
        var (shopper, actions) = await StartAsync();

        var none = await PostRawAsync(shopper, actions.SessionId, null, "{}", "application/json");
        var unknown = await PostRawAsync(shopper, actions.SessionId, "Nope", "{}", "application/json");
        var unknownGet = await shopper.Http.GetAsync($"/checkout?session_id={actions.SessionId}&handler=Nope");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, none.StatusCode);
        Assert.Contains("GET", none.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownGet.StatusCode);
    }

    [Theory]
    [InlineData("OPTIONS", "/")]
    [InlineData("TRACE", "/")]
    [InlineData("OPTIONS", "/cart")]
    [InlineData("PUT", "/cart")]
    [InlineData("DELETE", "/products/colombia-huila")]
    public async Task OtherMethodsOnPages_Are405(string method, string url)
    {
        using var shopper = new ShopperClient(app);

        var response = await shopper.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    public async Task OptionsOnAnAdminPage_AsAShopper_IsNot200(string method)
    {
        using var shopper = new ShopperClient(app);
        await shopper.SignInAsync("shopper@storefront.local", "Shopper!23456");

        var response = await shopper.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/Admin/Products"));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.MethodNotAllowed });
    }

    [Fact]
    public async Task RefusedActions_DoNotBumpTheVersion_AndALaterActionStillGoesThrough()
    {
        var (_, actions) = await StartAsync("decaf-sugarcane");
        var lineId = await CheckoutFlow.LineIdAsync(app, actions.SessionId);
        var version = await VersionAsync(actions.SessionId);

        for (var i = 0; i < 5; i++)
        {
            var (status, _) = await actions.QuantityAsync(lineId, 50 + i);
            Assert.Equal(HttpStatusCode.BadRequest, status);
        }

        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await actions.QuantityAsync(lineId, 5);
            Assert.Equal(HttpStatusCode.Conflict, status);
        }

        app.Emulator.AddFault(new FaultRule { Method = "POST", PathPattern = $"/v1/checkout/sessions/{actions.SessionId}", Kind = FaultKind.ServerError500, Count = 1 });
        var (failed, _) = await actions.QuantityAsync(lineId, 2);
        Assert.Equal(HttpStatusCode.BadGateway, failed);
        Assert.Equal(version, await VersionAsync(actions.SessionId));

        var (ok, body) = await actions.QuantityAsync(lineId, 3);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.True(await VersionAsync(actions.SessionId) > version);
        CheckoutActionClient.AssertTotalsMatch(body, actions.Session());
    }

    [Fact]
    public async Task WhenStripeFails_EveryCheckoutJsonHandler_Answers502AsJson()
    {
        var (shopper, actions) = await StartAsync();
        var lineId = await CheckoutFlow.LineIdAsync(app, actions.SessionId);
        var rule = new FaultRule { PathPattern = "/v1/*", Kind = FaultKind.ServiceUnavailable503, Count = 0 };
        app.Emulator.AddFault(rule);
        try
        {
            foreach (var (handler, body) in new[]
                     {
                         ("ClientSecret", "{}"), ("AddOn", """{"addOn":"gift-wrap","included":true}"""), ("Quantity", $$"""{"lineId":{{lineId}},"quantity":2}"""),
                         ("PromotionCode", """{"code":"WELCOME10"}"""), ("RemovePromotionCode", "{}"), ("AddressChanged", "{}"),
                     })
            {
                var response = await PostRawAsync(shopper, actions.SessionId, handler, body.Insert(1, $"\"checkoutSessionId\":\"{actions.SessionId}\"" + (body.Length > 2 ? "," : "")), "application/json");
                Assert.True(response.StatusCode == HttpStatusCode.BadGateway, $"{handler}: {(int)response.StatusCode}");
                Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("error", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]);
            }
        }
        finally
        {
            app.Emulator.ClearFaults();
        }
    }

    private async Task<(ShopperClient Shopper, CheckoutActionClient Actions)> StartAsync(string slug = "colombia-huila")
    {
        var shopper = new ShopperClient(app);
        var sessionId = await CheckoutFlow.StartAsync(app, shopper, (slug, 1, null));
        return (shopper, new CheckoutActionClient(app, shopper, sessionId));
    }

    private Task<int> VersionAsync(string sessionId) =>
        CheckoutFlow.QueryAsync(app, db => db.Checkouts.Where(c => c.StripeSessionId == sessionId).Select(c => c.Version).SingleAsync());

    private static async Task<HttpResponseMessage> PostRawAsync(ShopperClient shopper, string sessionId, string? handler, string body, string contentType)
    {
        var (_, page) = await shopper.GetAsync($"/checkout?session_id={sessionId}");
        var token = page.QuerySelector("#checkout")!.GetAttribute("data-antiforgery")!;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, handler is null ? "/checkout" : $"/checkout?handler={handler}") { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        return await shopper.Http.SendAsync(request);
    }
}
