using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Storefront.StripeEmulator.Internal;

/// <summary>
/// Emulator-only endpoints (no auth; never part of Stripe's API), form-encoded like the API:
/// <list type="bullet">
/// <item><c>GET /_emulator/faults</c>, <c>POST /_emulator/faults</c> (<c>kind</c>=500|503|429|drop|latency, <c>method</c>,
/// <c>path</c> glob, <c>count</c> (default 1; 0 = until cleared), <c>should_retry</c>=true|false, <c>latency_ms</c>),
/// <c>DELETE /_emulator/faults</c>.</item>
/// <item><c>GET /_emulator/webhooks/deliveries</c>: the delivery log.</item>
/// <item><c>POST /_emulator/time/advance</c> (<c>seconds</c>): moves the emulator clock and expires due sessions.</item>
/// <item><c>POST /_emulator/reset</c>: forgets everything.</item>
/// <item><c>POST /_emulator/preview_access</c> (<c>enabled</c>=true|false): simulates an account with or without the checkout-server-update preview.</item>
/// </list>
/// </summary>
internal static class ControlApi
{
    public static async Task HandleAsync(HttpContext ctx, StripeEmulatorState state, string path)
    {
        try
        {
            var method = ctx.Request.Method.ToUpperInvariant();
            string raw;
            using (var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8))
                raw = await reader.ReadToEndAsync(ctx.RequestAborted);
            if (raw.Length == 0 && ctx.Request.QueryString.HasValue) raw = ctx.Request.QueryString.Value![1..];
            var p = new Params(FormDecoder.Decode(raw), "");
            JsonNode result;
            switch (path.TrimEnd('/'))
            {
                case "/_emulator/faults" when method == "GET":
                    result = FaultsJson(state);
                    break;
                case "/_emulator/faults" when method == "DELETE":
                    state.ClearFaults();
                    result = FaultsJson(state);
                    break;
                case "/_emulator/faults" when method == "POST":
                    p.Allow("kind", "method", "path", "count", "should_retry", "latency_ms");
                    var kind = p.Enum("kind", "500", "503", "429", "drop", "latency") ?? throw StripeEmulatorException.Missing("kind");
                    var rule = state.AddFault(new FaultRule
                    {
                        Kind = kind switch
                        {
                            "503" => FaultKind.ServiceUnavailable503,
                            "429" => FaultKind.RateLimited429,
                            "drop" => FaultKind.DropConnection,
                            "latency" => FaultKind.Latency,
                            _ => FaultKind.ServerError500,
                        },
                        Method = p.Str("method"),
                        PathPattern = p.Str("path") ?? "*",
                        Count = (int)(p.Long("count") ?? 1),
                        ShouldRetry = p.Bool("should_retry"),
                        Latency = TimeSpan.FromMilliseconds(p.Long("latency_ms") ?? 0),
                    });
                    result = FaultJson(rule);
                    break;
                case "/_emulator/webhooks/deliveries" when method == "GET":
                    var list = new JsonArray();
                    foreach (var d in state.WebhookDeliveries)
                    {
                        list.Add(new JsonObject
                        {
                            ["event_id"] = d.EventId,
                            ["event_type"] = d.EventType,
                            ["endpoint"] = d.EndpointUrl,
                            ["attempt"] = d.Attempt,
                            ["status_code"] = d.StatusCode,
                            ["error"] = d.Error,
                            ["succeeded"] = d.Succeeded,
                            ["at"] = d.At.ToString("O", CultureInfo.InvariantCulture),
                        });
                    }
                    result = new JsonObject { ["object"] = "list", ["data"] = list };
                    break;
                case "/_emulator/preview_access" when method == "POST":
                    // An account without the checkout-server-update preview: the beta flag then unlocks nothing.
                    p.Allow("enabled");
                    state.Options.PreviewAccess = p.Bool("enabled") ?? throw StripeEmulatorException.Missing("enabled");
                    result = new JsonObject { ["preview_access"] = state.Options.PreviewAccess };
                    break;
                case "/_emulator/reset" when method == "POST":
                    state.Reset();
                    result = new JsonObject { ["reset"] = true };
                    break;
                case "/_emulator/time/advance" when method == "POST":
                    p.Allow("seconds");
                    state.AdvanceTime(TimeSpan.FromSeconds(p.Long("seconds") ?? throw StripeEmulatorException.Missing("seconds")));
                    result = new JsonObject { ["now"] = state.UtcNow.ToUnixTimeSeconds() };
                    break;
                default:
                    throw new StripeEmulatorException(404, "invalid_request_error", $"Unrecognized emulator URL ({method}: {path}).");
            }
            await EmulatorHttpHandler.WriteJson(ctx, 200, result.ToJsonString(StripeEmulatorState.Json));
        }
        catch (StripeEmulatorException ex)
        {
            await EmulatorHttpHandler.WriteError(ctx, ex);
        }
    }

    private static JsonObject FaultsJson(StripeEmulatorState state)
    {
        var arr = new JsonArray();
        foreach (var f in state.Faults) arr.Add(FaultJson(f));
        return new JsonObject { ["object"] = "list", ["data"] = arr };
    }

    private static JsonObject FaultJson(FaultRule f) => new()
    {
        ["id"] = f.Id,
        ["kind"] = f.Kind.ToString(),
        ["method"] = f.Method,
        ["path"] = f.PathPattern,
        ["count"] = f.Count,
        ["remaining"] = f.Remaining,
        ["hits"] = f.Hits,
        ["should_retry"] = f.ShouldRetry,
        ["latency_ms"] = (long)f.Latency.TotalMilliseconds,
    };
}
