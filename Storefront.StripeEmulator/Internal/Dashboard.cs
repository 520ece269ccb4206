using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Storefront.StripeEmulator.Internal;

/// <summary>A small server-rendered page for developers and QA: sessions, events, webhook deliveries. Everything is HTML-encoded.</summary>
internal static class Dashboard
{
    public static async Task WriteAsync(HttpContext ctx, StripeEmulatorState state)
    {
        static string E(object? v) => WebUtility.HtmlEncode(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "");
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Stripe emulator</title>")
          .Append("<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;margin-bottom:2rem}")
          .Append("td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;font-size:.9rem}</style></head><body>")
          .Append("<h1>Storefront Stripe emulator</h1>")
          .Append("<p>Clock: ").Append(E(state.UtcNow.ToString("u", CultureInfo.InvariantCulture))).Append("</p>")
          .Append("<p id=\"stripejs\">Stripe.js stand-in: <code>").Append(E(state.Options.PathPrefix + StripeJs.StripeJsApi.ScriptPath))
          .Append("</code> (load it instead of js.stripe.com; publishable key <code>pk_test_…</code>). Test cards: 4242 4242 4242 4242 succeeds, ")
          .Append("4000 0000 0000 0002 declined, 4000 0000 0000 9995 insufficient funds, 4000 0000 0000 0069 expired, ")
          .Append("4000 0025 0000 3155 asks for authentication.</p>");
        lock (state.Gate)
        {
            sb.Append("<h2>Checkout sessions</h2><table id=\"sessions\"><thead><tr><th>id</th><th>status</th><th>payment_status</th><th>mode</th>")
              .Append("<th>currency</th><th>subtotal</th><th>discount</th><th>shipping</th><th>tax</th><th>total</th><th>lines</th><th>metadata</th></tr></thead><tbody>");
            foreach (var s in state.Sessions.Values.OrderByDescending(x => x.Seq).Take(200))
            {
                sb.Append("<tr><td>").Append(E(s.Id)).Append("</td><td>").Append(E(s.Status)).Append("</td><td>").Append(E(s.PaymentStatus))
                  .Append("</td><td>").Append(E(s.Mode)).Append("</td><td>").Append(E(s.Currency)).Append("</td><td>").Append(s.AmountSubtotal)
                  .Append("</td><td>").Append(s.AmountDiscount).Append("</td><td>").Append(s.AmountShipping).Append("</td><td>")
                  .Append(s.AmountTaxExclusive + s.AmountTaxInclusive).Append("</td><td>").Append(s.AmountTotal).Append("</td><td>")
                  .Append(E(string.Join(", ", s.Lines.Select(l => $"{(state.Prices.TryGetValue(l.PriceId, out var pr) && state.Products.TryGetValue(pr.ProductId, out var prod) ? prod.Name : l.PriceId)} × {l.Quantity}"))))
                  .Append("</td><td>").Append(E(string.Join(", ", s.Metadata.Select(kv => $"{kv.Key}={kv.Value}")))).Append("</td></tr>");
            }
            sb.Append("</tbody></table><h2>Events</h2><table id=\"events\"><thead><tr><th>id</th><th>type</th><th>created</th><th>pending_webhooks</th></tr></thead><tbody>");
            foreach (var e in state.Events.Values.OrderByDescending(x => x.Seq).Take(200))
            {
                sb.Append("<tr><td>").Append(E(e.Id)).Append("</td><td>").Append(E(e.Type)).Append("</td><td>")
                  .Append(E(DateTimeOffset.FromUnixTimeSeconds(e.Created).ToString("u", CultureInfo.InvariantCulture)))
                  .Append("</td><td>").Append(e.PendingWebhooks).Append("</td></tr>");
            }
        }
        sb.Append("</tbody></table><h2>Webhook deliveries</h2><table id=\"deliveries\"><thead><tr><th>at</th><th>event</th><th>type</th><th>endpoint</th>")
          .Append("<th>attempt</th><th>status</th><th>error</th></tr></thead><tbody>");
        foreach (var d in state.WebhookDeliveries.AsEnumerable().Reverse().Take(200))
        {
            sb.Append("<tr><td>").Append(E(d.At.ToString("u", CultureInfo.InvariantCulture))).Append("</td><td>").Append(E(d.EventId))
              .Append("</td><td>").Append(E(d.EventType)).Append("</td><td>").Append(E(d.EndpointUrl)).Append("</td><td>").Append(d.Attempt)
              .Append("</td><td>").Append(E(d.StatusCode)).Append("</td><td>").Append(E(d.Error)).Append("</td></tr>");
        }
        sb.Append("</tbody></table></body></html>");
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync(sb.ToString(), Encoding.UTF8, ctx.RequestAborted);
    }
}
