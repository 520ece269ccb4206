using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Storefront.StripeEmulator;
using Storefront.Tests.Support;

namespace Storefront.Tests.Adversarial.Restart;

/// <summary>Counts of what the shoppers saw, shared by all of them.</summary>
public sealed class RestartFigures
{
    private int _requests, _serverErrors, _dropped, _started, _refusedStarts, _actions, _paid;
    public int Requests => _requests;
    public int ServerErrors => _serverErrors;
    public int Dropped => _dropped;
    public int Started => _started;
    public int RefusedStarts => _refusedStarts;
    public int Actions => _actions;
    public int Paid => _paid;
    public List<string> ServerErrorSamples { get; } = [];

    public void Request(HttpStatusCode status, string what)
    {
        Interlocked.Increment(ref _requests);
        if ((int)status < 500) return;
        Interlocked.Increment(ref _serverErrors);
        lock (ServerErrorSamples) if (ServerErrorSamples.Count < 1000) ServerErrorSamples.Add($"{(int)status} {what}");
    }

    public void Drop() => Interlocked.Increment(ref _dropped);
    public void StartedCheckout() => Interlocked.Increment(ref _started);
    public void RefusedStart() => Interlocked.Increment(ref _refusedStarts);
    public void Acted() => Interlocked.Increment(ref _actions);
    public void PaidSession() => Interlocked.Increment(ref _paid);
}

/// <summary>
/// A browser-like shopper over a real socket (cookies kept across restarts, forms posted with their antiforgery token,
/// checkout actions as the page's script sends them), paying through the emulator's test helper as Stripe.js would.
/// </summary>
public sealed class RemoteShopper : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpClient _stripe;
    private readonly RestartFigures _figures;
    private string? _token;

    public RemoteShopper(Uri baseUrl, RestartFigures figures)
    {
        _figures = figures;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _stripe = new HttpClient { BaseAddress = new Uri(baseUrl, "_stripe/"), Timeout = TimeSpan.FromSeconds(30) };
        _stripe.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StripeEmulatorOptions.DevelopmentApiKey);
    }

    public string? SessionId { get; private set; }

    /// <summary>Adds one unit and presses Checkout; the session id, or null when the shop refused (out of stock, say).</summary>
    public async Task<string?> StartAsync(string slug)
    {
        var (_, product) = await GetAsync($"products/{slug}");
        var add = product.QuerySelector<IHtmlFormElement>("form.add-to-cart");
        if (add is null) return null;
        var added = await PostFormAsync(add, new Dictionary<string, string> { ["Input.Quantity"] = "1" }, "add to cart");
        if (added.StatusCode != HttpStatusCode.Redirect) return null;
        var (_, cart) = await GetAsync("cart");
        var start = cart.QuerySelector<IHtmlFormElement>("form.checkout-start");
        if (start is null) return null;
        var started = await PostFormAsync(start, new Dictionary<string, string>(), "checkout start");
        var location = started.Headers.Location?.OriginalString ?? "";
        if (started.StatusCode != HttpStatusCode.Redirect || !location.StartsWith("/checkout?session_id=", StringComparison.Ordinal))
        {
            _figures.RefusedStart();
            return null;
        }

        _figures.StartedCheckout();
        return SessionId = Uri.UnescapeDataString(location["/checkout?session_id=".Length..]);
    }

    /// <summary>A checkout action as the page sends it; the status and body.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> ActAsync(string handler, object body)
    {
        _token ??= await TokenAsync();
        var payload = JsonSerializerToNode(body);
        payload["checkoutSessionId"] = SessionId;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"checkout?handler={handler}") { Content = JsonContent.Create(payload) };
        request.Headers.Add("RequestVerificationToken", _token);
        var response = await _http.SendAsync(request);
        _figures.Request(response.StatusCode, "checkout " + handler);
        _figures.Acted();
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text.Length > 0 && text[0] == '{' ? text : "{}")!.AsObject());
    }

    /// <summary>Pays the open session (test card 4242); true when Stripe (the emulator) completed it.</summary>
    public async Task<bool> PayAsync()
    {
        var response = await _stripe.PostAsync($"v1/test_helpers/checkout/sessions/{SessionId}/complete", new FormUrlEncodedContent([new("payment_outcome", "succeeded")]));
        _figures.Request(response.StatusCode, "pay");
        SessionId = null;
        if (!response.IsSuccessStatusCode) return false;
        _figures.PaidSession();
        return true;
    }

    public void Forget() => SessionId = null;

    public void Dispose()
    {
        _http.Dispose();
        _stripe.Dispose();
    }

    private async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(string url)
    {
        var response = await _http.GetAsync(url);
        _figures.Request(response.StatusCode, "GET " + url);
        return (response, await BrowserForm.ParseAsync(response));
    }

    private async Task<HttpResponseMessage> PostFormAsync(IHtmlFormElement form, IDictionary<string, string> fields, string what)
    {
        var response = await _http.PostAsync(BrowserForm.Action(form), BrowserForm.Content(form, fields));
        _figures.Request(response.StatusCode, what);
        return response;
    }

    private async Task<string> TokenAsync()
    {
        var (_, page) = await GetAsync("products/colombia-huila");
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static JsonObject JsonSerializerToNode(object body) => System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
}
