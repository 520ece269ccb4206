using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Storefront.StripeEmulator.Internal;

/// <summary>
/// The emulator's HTTP surface, a hand-written router so it never depends on (or disturbs) the host's endpoint routing:
/// <c>/v1/…</c> Stripe API, <c>/_emulator/…</c> control API (faults, deliveries, time), <c>/</c> dashboard.
/// </summary>
internal sealed class EmulatorHttpHandler(StripeEmulatorState state, Access.EmulatorAccess access)
{
    /// <summary>Handles the request when the path belongs to the emulator; returns false otherwise (root mounting).</summary>
    public async Task<bool> TryHandleAsync(HttpContext ctx, bool ownsEverything)
    {
        // Whatever this request changed is committed before the first byte of the answer leaves (persistent mode).
        ctx.Response.OnStarting(static s => { ((StripeEmulatorState)s).Flush(); return Task.CompletedTask; }, state);
        var path = ctx.Request.Path.Value ?? "";
        if (path is "" or "/")
        {
            if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
            {
                if (!ownsEverything) return false;
                await WriteUnrecognized(ctx, path);
                return true;
            }
            if (!await ControlAllowedAsync(ctx, page: true, path)) return true;
            await Dashboard.WriteAsync(ctx, state);
            return true;
        }
        if (path == "/v1" || path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            await HandleApiAsync(ctx, path);
            return true;
        }
        if (StripeJs.StripeJsApi.Owns(path))
        {
            await StripeJs.StripeJsApi.HandleAsync(ctx, state, path);
            return true;
        }
        if (path.StartsWith("/_emulator/", StringComparison.Ordinal))
        {
            if (!await ControlAllowedAsync(ctx, page: false, path)) return true;
            await ControlApi.HandleAsync(ctx, state, path);
            return true;
        }
        if (!ownsEverything) return false;
        await WriteUnrecognized(ctx, path);
        return true;
    }

    private async Task<bool> ControlAllowedAsync(HttpContext ctx, bool page, string path)
    {
        var decision = await access.DecideControlAsync(ctx);
        if (decision == Access.ControlDecision.Allowed) return true;
        await Access.EmulatorAccess.RefuseAsync(ctx, decision, page, path, state.Options.PathPrefix);
        return false;
    }

    private static Task WriteUnrecognized(HttpContext ctx, string path) =>
        WriteError(ctx, new StripeEmulatorException(404, "invalid_request_error",
            $"Unrecognized request URL ({ctx.Request.Method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."));

    private async Task HandleApiAsync(HttpContext ctx, string path)
    {
        var requestId = "req_" + Ids.Random(14);
        ctx.Response.Headers["Request-Id"] = requestId;
        var versionHeader = ctx.Request.Headers["Stripe-Version"].ToString();
        if (versionHeader.Length > 0) ctx.Response.Headers["Stripe-Version"] = versionHeader;
        var apiVersion = versionHeader.Length > 0 ? versionHeader.Split(';')[0].Trim() : state.Options.DefaultApiVersion;
        var method = ctx.Request.Method.ToUpperInvariant();

        // 1. Injected faults win over everything (auth, idempotency replay) and never touch idempotency records.
        var fault = state.TakeFault(method, path);
        TimeSpan latency = default;
        if (fault is not null)
        {
            switch (fault.Kind)
            {
                case FaultKind.DropConnection:
                    ctx.Abort();
                    return;
                case FaultKind.Latency:
                    latency = fault.Latency;
                    break;
                default:
                    if (fault.ShouldRetry is { } retry) ctx.Response.Headers["Stripe-Should-Retry"] = retry ? "true" : "false";
                    await WriteError(ctx, fault.Kind switch
                    {
                        FaultKind.RateLimited429 => new StripeEmulatorException(429, "invalid_request_error", EmulatorMessages.InjectedRateLimit, code: "rate_limit"),
                        FaultKind.ServiceUnavailable503 => new StripeEmulatorException(503, "api_error", EmulatorMessages.InjectedServerError),
                        _ => new StripeEmulatorException(500, "api_error", EmulatorMessages.InjectedServerError),
                    });
                    return;
            }
        }

        // 2. Authentication.
        var apiKey = ReadApiKey(ctx, out var authError);
        if (apiKey is null)
        {
            await WriteError(ctx, authError!);
            return;
        }

        // 3. Parameters.
        Params p;
        FormNode form;
        try
        {
            string raw;
            if (HttpMethods.IsPost(method))
            {
                using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
                raw = await reader.ReadToEndAsync(ctx.RequestAborted);
            }
            else
            {
                raw = ctx.Request.QueryString.HasValue ? ctx.Request.QueryString.Value![1..] : "";
            }
            form = FormDecoder.Decode(raw);
            p = new Params(form, "");
        }
        catch (StripeEmulatorException ex)
        {
            await WriteError(ctx, ex);
            return;
        }

        // 4. Idempotency (POST only).
        var idemKey = ctx.Request.Headers["Idempotency-Key"].ToString();
        if (idemKey.Length == 0 || !HttpMethods.IsPost(method)) idemKey = "";
        if (idemKey.Length > 255)
        {
            await WriteError(ctx, StripeEmulatorException.Invalid(EmulatorMessages.IdempotencyKeyTooLong));
            return;
        }
        if (idemKey.Length > 0)
        {
            ctx.Response.Headers["Idempotency-Key"] = idemKey;
            var sb = new StringBuilder(method).Append(' ').Append(path).Append(' ');
            form.AppendCanonical(sb);
            switch (state.BeginIdempotent(apiKey, idemKey, sb.ToString(), out var record))
            {
                case StripeEmulatorState.IdempotencyDecision.Mismatch:
                    await WriteError(ctx, new StripeEmulatorException(400, "idempotency_error",
                        string.Format(CultureInfo.InvariantCulture, EmulatorMessages.IdempotencyMismatch, idemKey)));
                    return;
                case StripeEmulatorState.IdempotencyDecision.InFlight:
                    await WriteError(ctx, new StripeEmulatorException(409, "idempotency_error", EmulatorMessages.IdempotencyInFlight));
                    return;
                case StripeEmulatorState.IdempotencyDecision.Replay:
                    ctx.Response.Headers["Idempotent-Replayed"] = "true";
                    ctx.Response.Headers["Request-Id"] = record!.RequestId;
                    await WriteJson(ctx, record.Status, record.Body);
                    return;
            }
        }

        // 5. Execute.
        var completed = false;
        try
        {
            if (latency > TimeSpan.Zero) await Task.Delay(latency, ctx.RequestAborted);
            var beta = versionHeader.Contains(ApiVersionRules.BetaFlag, StringComparison.Ordinal) && state.Options.PreviewAccess;
            var req = new RequestInfo(requestId, idemKey.Length > 0 ? idemKey : null, apiVersion, beta);
            int status;
            string body;
            try
            {
                var json = Route(method, path, p, req);
                status = 200;
                body = json.ToJsonString(StripeEmulatorState.Json);
            }
            catch (StripeEmulatorException ex)
            {
                status = ex.StatusCode;
                body = ErrorBody(ex).ToJsonString(StripeEmulatorState.Json);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug in the emulator: answer like Stripe's 500 and keep the key free for a retry.
                await WriteError(ctx, new StripeEmulatorException(500, "api_error", "Unexpected error in the Stripe emulator: " + ex.Message));
                return;
            }
            if (idemKey.Length > 0) state.CompleteIdempotent(apiKey, idemKey, status, body, requestId);
            completed = true;
            await WriteJson(ctx, status, body);
        }
        finally
        {
            if (!completed && idemKey.Length > 0) state.AbandonIdempotent(apiKey, idemKey);
        }
    }

    private string? ReadApiKey(HttpContext ctx, out StripeEmulatorException? error)
    {
        error = null;
        var auth = ctx.Request.Headers.Authorization.ToString();
        string? key = null;
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) key = auth[7..].Trim();
        else if (auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..].Trim()));
                key = decoded.Split(':')[0];
            }
            catch (FormatException)
            {
                key = "";
            }
        }
        if (string.IsNullOrEmpty(key))
        {
            error = new StripeEmulatorException(401, "invalid_request_error", EmulatorMessages.NoApiKey);
            return null;
        }
        if (!access.IsApiKey(key))
        {
            var shown = key.Length <= 8 ? key : key[..Math.Min(8, key.Length)] + new string('*', Math.Max(0, key.Length - 12)) + key[^4..];
            error = new StripeEmulatorException(401, "invalid_request_error",
                string.Format(CultureInfo.InvariantCulture, EmulatorMessages.InvalidApiKey, shown));
            return null;
        }
        return key;
    }

    private JsonObject Route(string method, string path, Params p, RequestInfo req)
    {
        var seg = path.Trim('/').Split('/');
        var get = method == "GET";
        var post = method == "POST";
        lock (state.Gate)
        {
            switch (seg)
            {
                case ["v1", "checkout", "sessions"] when post: return state.CreateSession(p, req);
                case ["v1", "checkout", "sessions"] when get: return state.ListSessions(p);
                case ["v1", "checkout", "sessions", var id] when get: return state.RetrieveSession(id, p, req);
                case ["v1", "checkout", "sessions", var id] when post: return state.UpdateSession(id, p, req);
                case ["v1", "checkout", "sessions", var id, "line_items"] when get: return state.ListSessionLineItems(id, p, req);
                case ["v1", "checkout", "sessions", var id, "expire"] when post: return state.ExpireSession(id, p, req);

                case ["v1", "products"] when post: return state.CreateProduct(p);
                case ["v1", "products"] when get: return state.ListProducts(p);
                case ["v1", "products", var id] when get: p.Allow("expand"); return state.RenderProduct(state.FindProduct(id));
                case ["v1", "products", var id] when post: return state.UpdateProduct(id, p);

                case ["v1", "prices"] when post: return state.CreatePrice(p);
                case ["v1", "prices"] when get: return state.ListPrices(p);
                case ["v1", "prices", var id] when get: p.Allow("expand"); return state.RenderPrice(state.FindPrice(id));
                case ["v1", "prices", var id] when post: return state.UpdatePrice(id, p);

                case ["v1", "coupons"] when post: return state.CreateCoupon(p);
                case ["v1", "coupons"] when get: return state.ListCoupons(p);
                case ["v1", "coupons", var id] when get: p.Allow("expand"); return state.RenderCoupon(state.FindCoupon(id));
                case ["v1", "coupons", var id] when post: return state.UpdateCoupon(id, p);
                case ["v1", "coupons", var id] when method == "DELETE": return state.DeleteCoupon(id, p);

                case ["v1", "tax_rates"] when post: return state.CreateTaxRate(p);
                case ["v1", "tax_rates"] when get: return state.ListTaxRates(p);
                case ["v1", "tax_rates", var id] when get: p.Allow("expand"); return state.RenderTaxRate(state.FindTaxRate(id));
                case ["v1", "tax_rates", var id] when post: return state.UpdateTaxRate(id, p);

                case ["v1", "shipping_rates"] when post: return state.CreateShippingRate(p);
                case ["v1", "shipping_rates"] when get: return state.ListShippingRates(p);
                case ["v1", "shipping_rates", var id] when get: p.Allow("expand"); return state.RenderShippingRate(state.FindShippingRate(id));
                case ["v1", "shipping_rates", var id] when post: return state.UpdateShippingRate(id, p);

                case ["v1", "payment_intents"] when post: return state.CreatePaymentIntent(p);
                case ["v1", "payment_intents", var id] when get: p.Allow("expand", "client_secret"); return state.RenderPaymentIntent(state.FindPaymentIntent(id));
                case ["v1", "payment_intents", var id] when post: return state.UpdatePaymentIntent(id, p);

                case ["v1", "events"] when get: return ListEvents(p);
                case ["v1", "events", var id] when get:
                    p.Allow("expand");
                    return state.Events.TryGetValue(id, out var ev) ? state.RenderEvent(ev) : throw StripeEmulatorState.NoSuch("event", id, "id", 404);

                case ["v1", "test_helpers", "checkout", "sessions", var id, "complete"] when post: return CompleteHelper(id, p, req);
                case ["v1", "test_helpers", "checkout", "sessions", var id, "async_payment"] when post:
                    p.Allow("outcome");
                    var outcome = p.Enum("outcome", "succeeded", "failed") ?? throw StripeEmulatorException.Missing("outcome");
                    return JsonNode.Parse(state.SettleAsyncPayment(id, outcome == "succeeded", req))!.AsObject();
            }
        }
        throw new StripeEmulatorException(404, "invalid_request_error",
            $"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
    }

    private JsonObject CompleteHelper(string id, Params p, RequestInfo req)
    {
        p.Allow("payment_outcome", "decline_code", "email");
        var outcome = p.Enum("payment_outcome", "succeeded", "failed", "processing") switch
        {
            "failed" => PaymentOutcome.Failed,
            "processing" => PaymentOutcome.Processing,
            _ => PaymentOutcome.Succeeded,
        };
        var result = state.CompleteCheckoutSession(id, outcome, p.Str("decline_code"), p.Str("email"), req);
        if (!result.Succeeded)
            throw new StripeEmulatorException(402, "card_error", result.ErrorMessage!, null, result.ErrorCode, result.DeclineCode);
        return JsonNode.Parse(result.SessionJson)!.AsObject();
    }

    private JsonObject ListEvents(Params p)
    {
        p.Allow("limit", "starting_after", "ending_before", "type", "types", "expand");
        var type = p.Str("type");
        var types = p.StrList("types");
        bool Matches(StripeEvent e) =>
            (type is null || (type.EndsWith('*') ? e.Type.StartsWith(type[..^1], StringComparison.Ordinal) : e.Type == type)) &&
            (types is null || types.Contains(e.Type));
        var items = StripeEmulatorState.NewestFirst(state.Events.Values.Where(Matches));
        return StripeEmulatorState.Page(items, x => x.Id, state.RenderEvent, p, "/v1/events", "event");
    }

    internal static JsonObject ErrorBody(StripeEmulatorException ex)
    {
        var error = new JsonObject();
        if (ex.Code is not null) error["code"] = ex.Code;
        if (ex.DeclineCode is not null) error["decline_code"] = ex.DeclineCode;
        if (ex.Code is not null) error["doc_url"] = $"https://stripe.com/docs/error-codes/{ex.Code.Replace('_', '-')}";
        error["message"] = ex.Message;
        if (ex.Param is not null) error["param"] = ex.Param;
        error["type"] = ex.Type;
        return new JsonObject { ["error"] = error };
    }

    internal static Task WriteError(HttpContext ctx, StripeEmulatorException ex)
    {
        if (!ctx.Response.Headers.ContainsKey("Request-Id")) ctx.Response.Headers["Request-Id"] = "req_" + Ids.Random(14);
        return WriteJson(ctx, ex.StatusCode, ErrorBody(ex).ToJsonString(StripeEmulatorState.Json));
    }

    internal static async Task WriteJson(HttpContext ctx, int status, string body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.CacheControl = "no-cache, no-store";
        await ctx.Response.WriteAsync(body, Encoding.UTF8, ctx.RequestAborted);
    }

    internal static bool IsSuccess(int status) => status is >= (int)HttpStatusCode.OK and < 300;
}
