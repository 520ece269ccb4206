using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Storefront.StripeEmulator.Internal;

namespace Storefront.StripeEmulator.StripeJs;

/// <summary>
/// The Stripe.js stand-in: <c>GET {prefix}/js/stripe.js</c> (the script, no auth) and its private client endpoints under
/// <c>{prefix}/_js/checkout/…</c>. Every client endpoint needs <c>Authorization: Bearer pk_test_…</c> and the session's
/// <c>client_secret</c> (query string for GET, JSON body for POST); an unknown secret is 404 in Stripe's error shape.
/// Bodies and answers are JSON; answers carry the "client session" (<see cref="StripeEmulatorState.RenderClientSession"/>).
/// <list type="bullet">
/// <item><c>GET session?client_secret=</c></item>
/// <item><c>POST email</c> <c>{email}</c></item>
/// <item><c>POST shipping_address</c> <c>{name, address:{line1, line2, city, state, postal_code, country}}</c></item>
/// <item><c>POST shipping_option</c> <c>{shipping_rate}</c></item>
/// <item><c>POST line_item_quantity</c> <c>{line_item, quantity}</c> (refused when update_line_items is server_only)</item>
/// <item><c>POST promotion_code</c> <c>{code}</c>, <c>POST promotion_code/remove</c> (refused when update_discounts is server_only)</item>
/// <item><c>POST confirm</c> <c>{card:{number, exp_month, exp_year, cvc}, email?, return_url?, authentication?: "completed"|"failed"}</c>
/// → <c>{status:"succeeded", redirect_url, session}</c>, <c>{status:"requires_action", next_action:{type:"authenticate"}, session}</c>
/// or 402 <c>card_error</c>. <c>authentication</c> is accepted only after a <c>requires_action</c> answer for the session.</item>
/// </list>
/// Cross-origin use (script from a standalone emulator on another port) is allowed: <c>Access-Control-Allow-Origin: *</c>.
/// </summary>
internal static partial class StripeJsApi
{
    public const string ScriptPath = "/js/stripe.js";
    public const string ApiPathPrefix = "/_js/";

    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = typeof(StripeJsApi).Assembly.GetManifestResourceStream("Storefront.StripeEmulator.StripeJs.stripe.js")
                           ?? throw new InvalidOperationException("The embedded stripe.js resource is missing.");
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    });

    /// <summary>Known test cards (STRIPE.md "Test cards"): number → outcome (null decline code = success; "authenticate" = 3DS).</summary>
    private static readonly Dictionary<string, string?> Cards = new(StringComparer.Ordinal)
    {
        ["4242424242424242"] = null,
        ["4000000000000002"] = "generic_decline",
        ["4000000000009995"] = "insufficient_funds",
        ["4000000000000069"] = "expired_card",
        ["4000000000000127"] = "incorrect_cvc",
        ["4000002500003155"] = "authenticate",
    };

    public static bool Owns(string path) =>
        path == ScriptPath || path.StartsWith(ApiPathPrefix, StringComparison.Ordinal);

    public static async Task HandleAsync(HttpContext ctx, StripeEmulatorState state, string path)
    {
        if (path == ScriptPath)
        {
            if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
            {
                await EmulatorHttpHandler.WriteError(ctx, new StripeEmulatorException(405, "invalid_request_error", "Only GET is supported here."));
                return;
            }
            var bytes = Script.Value;
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "text/javascript; charset=utf-8";
            ctx.Response.Headers.CacheControl = "no-cache";
            ctx.Response.Headers["Access-Control-Allow-Origin"] = "*";
            ctx.Response.ContentLength = bytes.Length;
            if (HttpMethods.IsGet(ctx.Request.Method)) await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
            return;
        }

        ctx.Response.Headers["Access-Control-Allow-Origin"] = "*";
        ctx.Response.Headers["Request-Id"] = "req_" + Ids.Random(14);
        if (HttpMethods.IsOptions(ctx.Request.Method))
        {
            ctx.Response.Headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS";
            ctx.Response.Headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, Stripe-Version";
            ctx.Response.Headers["Access-Control-Max-Age"] = "600";
            ctx.Response.StatusCode = 204;
            return;
        }
        try
        {
            var result = await RouteAsync(ctx, state, path);
            await EmulatorHttpHandler.WriteJson(ctx, 200, result.ToJsonString(StripeEmulatorState.Json));
        }
        catch (StripeEmulatorException ex)
        {
            await EmulatorHttpHandler.WriteError(ctx, ex);
        }
    }

    private static async Task<JsonObject> RouteAsync(HttpContext ctx, StripeEmulatorState state, string path)
    {
        var method = ctx.Request.Method.ToUpperInvariant();
        RequirePublishableKey(ctx);
        var route = path[ApiPathPrefix.Length..].TrimEnd('/');
        if (method == "GET")
        {
            if (route != "checkout/session") throw Unrecognized(method, path);
            var id = SessionIdFor(state, ctx.Request.Query["client_secret"].ToString());
            return state.RenderClientSession(id);
        }
        if (method != "POST") throw Unrecognized(method, path);
        var body = await ReadJsonAsync(ctx);
        var sessionId = SessionIdFor(state, Str(body, "client_secret") ?? "");
        if (state.SessionStatus(sessionId) != "open")
            throw StripeEmulatorException.Invalid(EmulatorMessages.SessionNotOpen, code: "session_not_open");
        switch (route)
        {
            case "checkout/email":
                state.SetCustomerEmail(sessionId, ValidEmail(Str(body, "email")));
                break;
            case "checkout/shipping_address":
                var (name, address) = ReadAddress(body);
                state.SetShippingDetails(sessionId, name, address);
                break;
            case "checkout/shipping_option":
                state.SelectShippingOption(sessionId, Str(body, "shipping_rate") ?? throw StripeEmulatorException.Missing("shipping_rate"));
                break;
            case "checkout/line_item_quantity":
                var lineItem = Str(body, "line_item") ?? throw StripeEmulatorException.Missing("line_item");
                var quantity = Long(body, "quantity") ?? throw StripeEmulatorException.Missing("quantity");
                state.UpdateLineItemQuantityAsClient(sessionId, lineItem, quantity);
                break;
            case "checkout/promotion_code":
                state.ApplyPromotionCodeAsClient(sessionId, Str(body, "code") ?? throw StripeEmulatorException.Missing("code"));
                break;
            case "checkout/promotion_code/remove":
                state.RemovePromotionCodeAsClient(sessionId);
                break;
            case "checkout/confirm":
                return Confirm(state, sessionId, body);
            default:
                throw Unrecognized(method, path);
        }
        return state.RenderClientSession(sessionId);
    }

    private static JsonObject Confirm(StripeEmulatorState state, string sessionId, JsonObject body)
    {
        var session = state.RenderClientSession(sessionId);

        var email = Str(body, "email") is { Length: > 0 } typed ? ValidEmail(typed) : null;
        if (email is null && state.KnownEmail(sessionId) is null)
            throw StripeEmulatorException.Invalid(StripeJsMessages.MissingEmail, "email", "missing_email");
        if (state.NeedsShippingDetails(sessionId))
            throw StripeEmulatorException.Invalid(StripeJsMessages.MissingShippingAddress, "shipping_address", "missing_shipping_address");

        var card = body["card"] as JsonObject ?? throw StripeEmulatorException.Missing("card");
        var number = new string((Str(card, "number") ?? "").Where(c => c != ' ' && c != '-').ToArray());
        if (number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit) || !Luhn(number) || !Cards.TryGetValue(number, out var behaviour))
            throw CardError(StripeJsMessages.IncorrectNumber, "incorrect_number", null);
        if (Long(card, "exp_month") is { } month && Long(card, "exp_year") is { } year)
        {
            if (year < 100) year += 2000;
            var now = state.UtcNow;
            if (month is < 1 or > 12) throw CardError("Your card's expiration month is invalid.", "invalid_expiry_month", null);
            if (year < now.Year || (year == now.Year && month < now.Month))
                throw CardError("Your card's expiration year is in the past.", "invalid_expiry_year", null);
        }

        if (behaviour == "authenticate")
        {
            var answer = Str(body, "authentication");
            if (answer is { Length: > 0 } && !state.EndAuthentication(sessionId))
                throw StripeEmulatorException.Invalid("No authentication is pending for this payment; confirm without `authentication` first.", "authentication");
            switch (answer)
            {
                case null or "":
                    state.BeginAuthentication(sessionId);
                    return new JsonObject
                    {
                        ["status"] = "requires_action",
                        ["next_action"] = new JsonObject { ["type"] = "authenticate" },
                        ["session"] = session,
                    };
                case "failed":
                    throw CardError(StripeJsMessages.AuthenticationFailed, "payment_intent_authentication_failure", null);
                case "completed":
                    behaviour = null;
                    break;
                default:
                    throw StripeEmulatorException.Invalid("Invalid authentication: must be one of completed, failed", "authentication");
            }
        }

        var completion = behaviour is null
            ? state.CompleteCheckoutSession(sessionId, PaymentOutcome.Succeeded, null, email)
            : state.CompleteCheckoutSession(sessionId, PaymentOutcome.Failed, behaviour, email);
        if (!completion.Succeeded)
            throw CardError(completion.ErrorMessage ?? EmulatorMessages.CardDeclined, completion.ErrorCode ?? "card_declined", completion.DeclineCode);

        var returnUrl = Str(body, "return_url") is { Length: > 0 } given ? given : state.ReturnUrl(sessionId);
        return new JsonObject
        {
            ["status"] = "succeeded",
            ["redirect_url"] = returnUrl?.Replace("{CHECKOUT_SESSION_ID}", sessionId, StringComparison.Ordinal),
            ["session"] = state.RenderClientSession(sessionId),
        };
    }

    private static StripeEmulatorException CardError(string message, string code, string? declineCode) =>
        new(402, "card_error", message, "card", code, declineCode);

    internal static bool Luhn(string digits)
    {
        var sum = 0;
        var dbl = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (dbl) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    private static void RequirePublishableKey(HttpContext ctx)
    {
        var auth = ctx.Request.Headers.Authorization.ToString();
        var key = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : "";
        if (key.Length == 0) throw new StripeEmulatorException(401, "invalid_request_error", StripeJsMessages.NoPublishableKey);
        if (!key.StartsWith("pk_test_", StringComparison.Ordinal) || key.Length <= "pk_test_".Length)
            throw new StripeEmulatorException(401, "invalid_request_error", StripeJsMessages.InvalidPublishableKey);
    }

    private static string SessionIdFor(StripeEmulatorState state, string clientSecret)
    {
        if (clientSecret.Length == 0) throw StripeEmulatorException.Missing("client_secret");
        return state.FindSessionIdByClientSecret(clientSecret)
               ?? throw new StripeEmulatorException(404, "invalid_request_error", StripeJsMessages.UnknownClientSecret, "client_secret", "resource_missing");
    }

    private static async Task<JsonObject> ReadJsonAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(ctx.RequestAborted);
        if (raw.Trim().Length == 0) return new JsonObject();
        try
        {
            return JsonNode.Parse(raw) as JsonObject ?? throw StripeEmulatorException.Invalid(StripeJsMessages.InvalidJson);
        }
        catch (JsonException)
        {
            throw StripeEmulatorException.Invalid(StripeJsMessages.InvalidJson);
        }
    }

    private static string? Str(JsonObject o, string key)
    {
        var node = o[key];
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<string>(out var s)) return s;
        throw StripeEmulatorException.Invalid($"Invalid {key}: must be a string", key);
    }

    private static long? Long(JsonObject o, string key)
    {
        var node = o[key];
        if (node is null) return null;
        if (node is JsonValue v)
        {
            if (v.TryGetValue<long>(out var l)) return l;
            if (v.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p)) return p;
        }
        throw StripeEmulatorException.Invalid($"Invalid {key}: must be an integer", key);
    }

    private static string ValidEmail(string? email)
    {
        var e = (email ?? "").Trim();
        if (e.Length == 0) throw StripeEmulatorException.Invalid(StripeJsMessages.MissingEmail, "email", "missing_email");
        if (e.Length > 254 || !EmailPattern().IsMatch(e)) throw StripeEmulatorException.Invalid(StripeJsMessages.InvalidEmail, "email", "invalid_email");
        return e;
    }

    private static (string Name, ShippingAddress Address) ReadAddress(JsonObject body)
    {
        var name = Str(body, "name")?.Trim();
        if (string.IsNullOrEmpty(name)) throw StripeEmulatorException.Missing("name");
        var a = body["address"] as JsonObject ?? throw StripeEmulatorException.Missing("address");
        string? Field(string key, bool required)
        {
            var v = Str(a, key)?.Trim();
            if (string.IsNullOrEmpty(v)) return required ? throw StripeEmulatorException.Missing("address[" + key + "]") : null;
            return v;
        }
        var country = Field("country", true)!.ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
            throw StripeEmulatorException.Invalid("Invalid country: must be a two-letter ISO code", "address[country]");
        return (name, new ShippingAddress(Field("line1", true), Field("line2", false), Field("city", true), Field("state", false),
            Field("postal_code", true), country));
    }

    private static StripeEmulatorException Unrecognized(string method, string path) =>
        new(404, "invalid_request_error", $"Unrecognized Stripe.js emulator URL ({method}: {path}).");

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
