using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Storefront.Tests.Emulator.StripeJs;

/// <summary>
/// The emulator mounted at /_stripe plus a tiny "shop": <c>GET /shop/checkout?secret=…[&amp;shipping=1]</c> (host page
/// loading /_stripe/js/stripe.js), <c>GET /shop/return</c> (return URL) and <c>POST /shop/server-update</c> (changes a
/// line item quantity through the emulator's API, as the shop's server would inside runServerUpdate).
/// </summary>
public sealed class StripeJsHost() : EmulatorHost("/_stripe")
{
    public const string PublishableKey = "pk_test_storefront_tests";

    protected override void ConfigureHostPipeline(WebApplication app)
    {
        app.MapGet("/shop/checkout", () => Results.Content(HostPage, "text/html; charset=utf-8"));
        app.MapGet("/shop/return", (string? session_id) =>
            Results.Content("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Order received</title></head><body><h1>Thank you</h1><p id=\"session\">"
                + WebUtility.HtmlEncode(session_id ?? "") + "</p></body></html>", "text/html; charset=utf-8"));
        app.MapPost("/shop/server-update", async (string session, string line, int quantity) =>
        {
            using var http = NewClient(SecretKey);
            var r = await http.Post($"v1/checkout/sessions/{session}",
                new Form(("line_items[0][id]", line), ("line_items[0][quantity]", quantity)));
            return Results.StatusCode((int)r.Status);
        });
        // Like the shop's AddressChanged handler: read the address Stripe collected, then offer shipping for it.
        app.MapPost("/shop/address-changed", async (string session) =>
        {
            using var http = NewClient(SecretKey);
            var current = (await http.Get($"v1/checkout/sessions/{session}")).Obj;
            var country = (string?)current["collected_information"]?["shipping_details"]?["address"]?["country"];
            if (country is null) return Results.BadRequest();
            var domestic = country == "US";
            var r = await http.Post($"v1/checkout/sessions/{session}", new Form(
                ("shipping_options[0][shipping_rate_data][display_name]", domestic ? "Domestic" : "International"),
                ("shipping_options[0][shipping_rate_data][type]", "fixed_amount"),
                ("shipping_options[0][shipping_rate_data][fixed_amount][amount]", domestic ? 500 : 1500),
                ("shipping_options[0][shipping_rate_data][fixed_amount][currency]", "usd")));
            return Results.StatusCode((int)r.Status);
        });
    }

    /// <summary>Creates a product/price and an open custom-mode session whose return URL is this host's /shop/return.</summary>
    public async Task<JsonObject> NewSession(long unitAmount = 1500, int quantity = 2, string currency = "usd", string? email = "buyer@example.test",
        Action<Form>? extra = null)
    {
        var price = await Http.NewPrice(unitAmount, currency, "Test Mug");
        var form = new Form(("ui_mode", "custom"), ("mode", "payment"), ("return_url", Origin + "/shop/return?session_id={CHECKOUT_SESSION_ID}"),
            ("line_items[0][price]", price), ("line_items[0][quantity]", quantity));
        if (email is not null) form.Add("customer_email", email);
        extra?.Invoke(form);
        return await Http.Create("v1/checkout/sessions", form);
    }

    /// <summary>A client for the stand-in's client endpoints (publishable key as bearer).</summary>
    public HttpClient NewJsClient(string? key = PublishableKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(Origin + "/_stripe/_js/") };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private const string HostPage = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Test shop checkout</title>
          <script src="/_stripe/js/stripe.js"></script>
        </head>
        <body>
          <h1>Checkout</h1>
          <div id="address"></div>
          <div id="payment"></div>
          <p>Total: <span id="total"></span></p>
          <p id="can-confirm"></p>
          <button id="pay" type="button">Pay</button>
          <p id="error"></p>
          <script>
            const params = new URLSearchParams(location.search);
            const stripe = Stripe('pk_test_storefront_tests', {
              emulatorServerUpdateTimeoutMs: params.get('timeout') ? Number(params.get('timeout')) : undefined
            });
            window.changes = 0;
            const checkout = stripe.initCheckoutElementsSdk({
              clientSecret: Promise.resolve(params.get('secret')),
              elementsOptions: {}
            });
            window.checkout = checkout;
            const render = s => {
              document.getElementById('total').textContent = s.total.total.amount;
              document.getElementById('can-confirm').textContent = s.canConfirm ? 'ready' : 'not ready';
            };
            checkout.on('change', s => { window.changes++; render(s); });
            checkout.createPaymentElement().mount('#payment');
            window.checkoutReady = checkout.loadActions().then(loaded => {
              if (loaded.type === 'error') { document.getElementById('error').textContent = 'load failed: ' + loaded.error.message; return false; }
              const actions = loaded.actions;
              window.actions = actions;
              render(actions.getSession());
              if (params.get('shipping')) {
                const address = checkout.createShippingAddressElement();
                let pending = null;
                address.on('change', e => {
                  window.lastAddress = e;
                  if (params.get('shipping') !== 'shop' || !e.complete) return;
                  // The shop's checkout.js flow: store the address, then let the server reprice shipping.
                  clearTimeout(pending);
                  pending = setTimeout(async () => {
                    const result = await actions.updateShippingAddress(e.value);
                    if (result.type === 'error') { document.getElementById('error').textContent = result.error.message; return; }
                    await actions.runServerUpdate(() => fetch('/shop/address-changed?session=' + encodeURIComponent(actions.getSession().id), { method: 'POST' }));
                  }, 300);
                });
                address.mount('#address');
              }
              document.getElementById('pay').addEventListener('click', async () => {
                document.getElementById('error').textContent = '';
                const result = await actions.confirm();
                if (result.type === 'error') document.getElementById('error').textContent = result.error.message;
              });
              window.serverUpdate = (line, quantity) => {
                let ok = false;
                return actions.runServerUpdate(() =>
                  fetch('/shop/server-update?session=' + encodeURIComponent(actions.getSession().id) + '&line=' + encodeURIComponent(line) + '&quantity=' + quantity,
                    { method: 'POST' }).then(r => { ok = r.ok; })).then(result => ok && result.type === 'success');
              };
              document.body.setAttribute('data-ready', 'true');
              return true;
            });
          </script>
        </body>
        </html>
        """;
}

/// <summary>
/// One headless Chromium for the browser tests (Playwright driver, system Chromium: Playwright's own browser download
/// cannot work offline). Fails with a clear message when Chromium is not installed.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private static readonly string[] Candidates = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"];

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = Candidates.FirstOrDefault(File.Exists)
                   ?? throw new InvalidOperationException(
                       "Chromium is not installed (looked for /usr/lib/chromium/chromium and /usr/bin/chromium). " +
                       "Install it with: apt-get update && apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
        });
    }

    /// <summary>A fresh context that aborts every request to a host other than 127.0.0.1 / localhost.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        await context.RouteAsync("**/*", async route =>
        {
            var uri = new Uri(route.Request.Url);
            var local = uri.Scheme is "data" or "blob" or "about" || uri.Host is "127.0.0.1" or "localhost" or "[::1]";
            if (local) await route.ContinueAsync();
            else await route.AbortAsync("blockedbyclient");
        });
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

internal static class JsonClient
{
    public static async Task<ApiResponse> PostJson(this HttpClient http, string path, object body)
    {
        using var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var response = await http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null, response);
    }
}
