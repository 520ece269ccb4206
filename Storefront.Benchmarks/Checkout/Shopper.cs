using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Storefront.StripeEmulator;

namespace Storefront.Benchmarks.Checkout;

/// <summary>The two intents the benchmark sends; both always change the order, so each must cost one Stripe update.</summary>
internal enum ActionKind
{
    Quantity,
    AddOn,
}

/// <summary>One timed checkout action as the client saw it.</summary>
internal readonly record struct ActionSample(int Id, ActionKind Kind, long RoundTripTicks, HttpStatusCode Status, string? Error);

/// <summary>
/// One browser-like shopper (own cookies, so own visitor cart and own rate-limit bucket) doing what the shop's pages
/// and checkout script do: add a product on its page, press Checkout on the cart, read the session id from the
/// redirect, take the antiforgery token from <c>#checkout[data-antiforgery]</c>, then post JSON intents.
/// </summary>
internal sealed partial class Shopper(BenchmarkApp app, string productSlug) : IDisposable
{
    public const string AddOnSlug = "gift-wrap";

    private static int nextActionId;

    private readonly HttpClient http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    private string token = "";
    private long lineId;
    private int quantity = 1;
    private bool addOnIncluded;
    private int step;

    public string ProductSlug { get; } = productSlug;

    public string SessionId { get; private set; } = "";

    /// <summary>Cart with one unit of <see cref="ProductSlug"/>, checkout started, page loaded for the token.</summary>
    public async Task StartAsync()
    {
        var product = await GetTextAsync($"/products/{ProductSlug}");
        using (var added = await http.PostAsync($"/products/{ProductSlug}", Form(product, ("Input.Quantity", "1"))))
        {
            Expect(added, HttpStatusCode.Redirect, "add to cart");
        }

        var cart = await GetTextAsync("/cart");
        using (var started = await http.PostAsync("/cart?handler=Checkout", Form(cart)))
        {
            Expect(started, HttpStatusCode.Redirect, "press Checkout");
            var location = started.Headers.Location?.OriginalString ?? "";
            const string prefix = "/checkout?session_id=";
            if (!location.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Checkout did not redirect to the checkout page: '{location}'.");
            }

            SessionId = Uri.UnescapeDataString(location[prefix.Length..]);
        }

        var page = await GetTextAsync($"/checkout?session_id={Uri.EscapeDataString(SessionId)}");
        token = CheckoutToken().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No #checkout[data-antiforgery] on the checkout page.");
    }

    /// <summary>
    /// The next action: alternately the product's quantity 1↔2 and gift wrap on↔off, each flipped from what the
    /// server last answered, so every action changes the order (never a no-op) and never holds more than 2 units.
    /// Until the product line's id is known (the first call) it is an add-on toggle, whose answer names the line.
    /// </summary>
    public async Task<ActionSample> NextAsync()
    {
        var id = Interlocked.Increment(ref nextActionId);
        var kind = lineId == 0 || step % 2 == 1 ? ActionKind.AddOn : ActionKind.Quantity;
        object body = kind == ActionKind.Quantity
            ? new { checkoutSessionId = SessionId, lineId, quantity = quantity == 1 ? 2 : 1 }
            : new { checkoutSessionId = SessionId, addOn = AddOnSlug, included = !addOnIncluded };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/checkout?handler={kind}") { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add(BenchmarkApp.ActionHeader, id.ToString(CultureInfo.InvariantCulture));

        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetTimestamp() - started;

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var message = TryParse(text)?["message"]?.GetValue<string>() ?? text[..Math.Min(200, text.Length)];
            return new ActionSample(id, kind, elapsed, response.StatusCode, message);
        }

        // Follow what the server now holds (the same thing the page script does with state).
        var state = TryParse(text)?["state"];
        var product = state?["lines"]?.AsArray().FirstOrDefault(l => (string?)l?["kind"] == "product");
        if (product is null)
        {
            return new ActionSample(id, kind, elapsed, response.StatusCode, "200 without a product line in state");
        }

        lineId = (long)product["id"]!;
        quantity = (int)product["quantity"]!;
        addOnIncluded = state!["addOns"]!.AsArray().Any(a => (string?)a?["slug"] == AddOnSlug && (bool)a!["included"]!);
        step++;
        return new ActionSample(id, kind, elapsed, response.StatusCode, null);
    }

    /// <summary>
    /// The probe's self-check: an address change reads the session and then updates it, so the meter must count 2
    /// Stripe requests for it. (The shipping address is set in the emulator, as Stripe's address element would.)
    /// </summary>
    public async Task<ActionSample> AddressChangedAsync(StripeEmulatorState emulator)
    {
        var id = Interlocked.Increment(ref nextActionId);
        emulator.SetShippingDetails(SessionId, "Bench Shopper", new StripeEmulator.ShippingAddress("1 Main St", null, "New York", "NY", "10001", "US"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/checkout?handler=AddressChanged") { Content = JsonContent.Create(new { checkoutSessionId = SessionId }) };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add(BenchmarkApp.ActionHeader, id.ToString(CultureInfo.InvariantCulture));
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ActionSample(id, ActionKind.AddOn, Stopwatch.GetTimestamp() - started, response.StatusCode,
            response.StatusCode == HttpStatusCode.OK ? null : text[..Math.Min(200, text.Length)]);
    }

    public void Dispose() => http.Dispose();

    private async Task<string> GetTextAsync(string url)
    {
        using var response = await http.GetAsync(url);
        Expect(response, HttpStatusCode.OK, "GET " + url);
        return await response.Content.ReadAsStringAsync();
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var token = FormToken().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery field on the page.");
        return new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{what}: expected {(int)status}, got {(int)response.StatusCode}.");
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex FormToken();

    [GeneratedRegex(@"data-antiforgery=""([^""]+)""")]
    private static partial Regex CheckoutToken();
}
