using System.Net;
using System.Text.Json.Nodes;

namespace Storefront.Tests.Emulator;

/// <summary>Ordered form fields, encoded by hand (the emulator must not depend on any particular client's encoder).</summary>
public sealed class Form : List<KeyValuePair<string, string>>
{
    public Form() { }

    public Form(params (string Key, object Value)[] fields)
    {
        foreach (var (k, v) in fields) Add(k, v);
    }

    public Form Add(string key, object value)
    {
        Add(new KeyValuePair<string, string>(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
        return this;
    }

    public string Encode() => string.Join("&", this.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));

    public HttpContent ToContent() => new StringContent(Encode(), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
}

public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Json, HttpResponseMessage Message)
{
    public JsonObject Obj => Json!.AsObject();
    public JsonObject Error => Json!["error"]!.AsObject();
    public string Header(string name) => Message.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
}

public static class Api
{
    /// <summary>What these tests send unless they name a version: the basil era with the preview flag (custom ui_mode, preview parameters).</summary>
    public const string DefaultStripeVersion = "2025-03-31.basil; checkout_server_update_beta=v1";

    public static async Task<ApiResponse> Send(HttpClient http, HttpMethod method, string path, Form? form = null,
        string? idempotencyKey = null, string? stripeVersion = null)
    {
        stripeVersion ??= DefaultStripeVersion;
        var url = path.TrimStart('/');
        using var request = new HttpRequestMessage(method, method == HttpMethod.Get && form is { Count: > 0 } ? url + "?" + form.Encode() : url);
        if (method != HttpMethod.Get) request.Content = (form ?? new Form()).ToContent();
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (stripeVersion is not null) request.Headers.TryAddWithoutValidation("Stripe-Version", stripeVersion);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null, response);
    }

    public static Task<ApiResponse> Post(this HttpClient http, string path, Form? form = null, string? idempotencyKey = null, string? stripeVersion = null) =>
        Send(http, HttpMethod.Post, path, form, idempotencyKey, stripeVersion);

    public static Task<ApiResponse> Get(this HttpClient http, string path, Form? form = null) => Send(http, HttpMethod.Get, path, form);

    /// <summary>POST that must succeed; returns the object.</summary>
    public static async Task<JsonObject> Create(this HttpClient http, string path, Form form)
    {
        var r = await http.Post(path, form);
        Assert.True(r.Status == HttpStatusCode.OK, $"{path} -> {(int)r.Status}: {r.Json}");
        return r.Obj;
    }

    public static async Task<string> NewPrice(this HttpClient http, long unitAmount, string currency = "usd", string name = "Thing", string? interval = null)
    {
        var f = new Form(("product_data[name]", name), ("currency", currency), ("unit_amount", unitAmount));
        if (interval is not null) f.Add("recurring[interval]", interval);
        return (string)(await http.Create("v1/prices", f))["id"]!;
    }

    public static async Task<string> NewTaxRate(this HttpClient http, string percentage, bool inclusive, string name = "Tax") =>
        (string)(await http.Create("v1/tax_rates", new Form(("display_name", name), ("percentage", percentage), ("inclusive", inclusive ? "true" : "false"))))["id"]!;

    /// <summary>A custom-UI payment session form with the given (price, quantity) lines.</summary>
    public static Form SessionForm(params (string Price, int Quantity)[] lines)
    {
        var f = new Form(("ui_mode", "custom"), ("mode", "payment"), ("return_url", "https://shop.test/return?session_id={CHECKOUT_SESSION_ID}"));
        for (var i = 0; i < lines.Length; i++)
        {
            f.Add($"line_items[{i}][price]", lines[i].Price);
            f.Add($"line_items[{i}][quantity]", lines[i].Quantity);
        }
        return f;
    }

    public static long L(this JsonNode? node, string key) => (long)node![key]!;
    public static string S(this JsonNode? node, string key) => (string)node![key]!;

    /// <summary>Polls until <paramref name="condition"/> holds (5 s max).</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(10);
        }
    }
}
