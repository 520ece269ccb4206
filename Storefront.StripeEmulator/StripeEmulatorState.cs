using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Storefront.StripeEmulator.Internal;

namespace Storefront.StripeEmulator;

/// <summary>Who caused a change: the API request (id, idempotency key, api version) or null for automatic changes.</summary>
/// <param name="PreviewBeta">The request carried the checkout_server_update_beta flag and the account has preview access.</param>
internal sealed record RequestInfo(string RequestId, string? IdempotencyKey, string ApiVersion, bool PreviewBeta = false);

/// <summary>
/// The emulator's whole in-memory account: catalog, sessions, payment intents, events, webhook log, faults and
/// idempotency records. Singleton; every read and write happens under one lock (<see cref="Gate"/>).
/// Tests and the host resolve it to complete sessions, inject faults, read the delivery log and move time.
/// </summary>
public sealed partial class StripeEmulatorState
{
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal readonly Lock Gate = new();
    private readonly TimeProvider _time;
    private TimeSpan _offset;
    private long _seq;

    internal readonly Persistence.TrackedMap<Product> Products = new("product");
    internal readonly Persistence.TrackedMap<Price> Prices = new("price");
    internal readonly Persistence.TrackedMap<Coupon> Coupons = new("coupon");
    internal readonly Persistence.TrackedMap<TaxRate> TaxRates = new("tax_rate");
    internal readonly Persistence.TrackedMap<ShippingRate> ShippingRates = new("shipping_rate");
    internal readonly Persistence.TrackedMap<Session> Sessions = new("checkout.session");
    internal readonly Persistence.TrackedMap<PaymentIntent> PaymentIntents = new("payment_intent");
    internal readonly Persistence.TrackedMap<StripeEvent> Events = new("event");
    private readonly List<WebhookDeliveryAttempt> _deliveries = [];
    private readonly List<FaultRule> _faults = [];

    public StripeEmulatorState(IOptions<StripeEmulatorOptions> options, TimeProvider time)
    {
        Options = options.Value;
        _time = time;
    }

    public StripeEmulatorOptions Options { get; }

    // ---------------------------------------------------------------- time

    /// <summary>The emulator's clock: the registered <see cref="TimeProvider"/> plus any <see cref="AdvanceTime"/> offset.</summary>
    public DateTimeOffset UtcNow { get { lock (Gate) return _time.GetUtcNow() + _offset; } }

    internal long Now => (_time.GetUtcNow() + _offset).ToUnixTimeSeconds();

    /// <summary>Moves the emulator's clock forward (on top of the TimeProvider) and expires sessions that became due.</summary>
    public void AdvanceTime(TimeSpan by)
    {
        lock (Gate) _offset += by;
        ExpireDueSessions();
    }

    internal long NextSeq() => ++_seq;

    /// <summary>Forgets every object, event, delivery record, fault, idempotency key and time offset (QA "start over").</summary>
    public void Reset()
    {
        lock (Gate)
        {
            Products.Clear();
            Prices.Clear();
            Coupons.Clear();
            TaxRates.Clear();
            ShippingRates.Clear();
            Sessions.Clear();
            PaymentIntents.Clear();
            Events.Clear();
            _deliveries.Clear();
            _faults.Clear();
            _idempotency.Clear();
            _offset = TimeSpan.Zero;
            ResetPersistedExtras();
        }
    }

    // ---------------------------------------------------------------- faults

    public FaultRule AddFault(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (Gate)
        {
            rule.Remaining = rule.Count;
            _faults.Add(rule);
        }
        return rule;
    }

    public void ClearFaults()
    {
        lock (Gate) _faults.Clear();
    }

    public IReadOnlyList<FaultRule> Faults { get { lock (Gate) return _faults.ToList(); } }

    /// <summary>Consumes one use of the first matching fault rule.</summary>
    internal FaultRule? TakeFault(string method, string path)
    {
        lock (Gate)
        {
            foreach (var f in _faults)
            {
                if (f.Count > 0 && f.Remaining <= 0) continue;
                if (f.Method is not null && !string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                if (!GlobMatch(f.PathPattern, path)) continue;
                if (f.Count > 0) f.Remaining--;
                f.Hits++;
                return f;
            }
            _faults.RemoveAll(f => f.Count > 0 && f.Remaining <= 0);
            return null;
        }
    }

    private static bool GlobMatch(string pattern, string path) =>
        Regex.IsMatch(path, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    // ---------------------------------------------------------------- webhooks log

    /// <summary>Every delivery attempt so far, oldest first.</summary>
    public IReadOnlyList<WebhookDeliveryAttempt> WebhookDeliveries { get { lock (Gate) return _deliveries.ToList(); } }

    internal void RecordDelivery(WebhookDeliveryAttempt attempt)
    {
        lock (Gate)
        {
            _deliveries.Add(attempt);
            if (attempt.Succeeded && Events.TryGetValue(attempt.EventId, out var ev) && ev.PendingWebhooks > 0)
                ev.PendingWebhooks--;
        }
    }

    // ---------------------------------------------------------------- events

    /// <summary>Ids and types of every event, newest first.</summary>
    public IReadOnlyList<(string Id, string Type)> EventList
    {
        get { lock (Gate) return Events.Values.OrderByDescending(e => e.Seq).Select(e => (e.Id, e.Type)).ToList(); }
    }

    /// <summary>The event as <c>GET /v1/events/{id}</c> returns it, or null.</summary>
    public string? GetEventJson(string id)
    {
        lock (Gate) return Events.TryGetValue(id, out var e) ? RenderEvent(e).ToJsonString(Json) : null;
    }

    internal StripeEvent Emit(string type, JsonObject dataObject, RequestInfo? req)
    {
        var ev = new StripeEvent
        {
            Id = Ids.New("evt_"),
            Created = Now,
            Seq = NextSeq(),
            Type = type,
            ApiVersion = req?.ApiVersion ?? Options.DefaultApiVersion,
            DataObjectJson = dataObject.ToJsonString(),
            PendingWebhooks = Options.WebhookEndpoints.Count,
            RequestId = req?.RequestId,
            IdempotencyKey = req?.IdempotencyKey,
        };
        Events[ev.Id] = ev;
        QueueDeliveries(ev);
        return ev;
    }

    internal JsonObject RenderEvent(StripeEvent e) => new()
    {
        ["id"] = e.Id,
        ["object"] = "event",
        ["api_version"] = e.ApiVersion,
        ["created"] = e.Created,
        ["data"] = e.PreviousAttributesJson is null
            ? new JsonObject { ["object"] = JsonNode.Parse(e.DataObjectJson) }
            : new JsonObject { ["object"] = JsonNode.Parse(e.DataObjectJson), ["previous_attributes"] = JsonNode.Parse(e.PreviousAttributesJson) },
        ["livemode"] = false,
        ["pending_webhooks"] = e.PendingWebhooks,
        ["request"] = new JsonObject { ["id"] = e.RequestId, ["idempotency_key"] = e.IdempotencyKey },
        ["type"] = e.Type,
    };

    // ---------------------------------------------------------------- lists

    /// <summary>Stripe list object with cursor pagination over <paramref name="ordered"/> (already in API order).</summary>
    internal static JsonObject Page<T>(IReadOnlyList<T> ordered, Func<T, string> id, Func<T, JsonNode> render, Params p, string url, string objectName)
    {
        var limit = p.Long("limit") ?? 10;
        if (limit is < 1 or > 100)
            throw StripeEmulatorException.Invalid("Invalid limit: must be between 1 and 100", "limit");
        var after = p.Str("starting_after");
        var before = p.Str("ending_before");
        if (after is not null && before is not null)
            throw StripeEmulatorException.Invalid("You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
        IEnumerable<T> page;
        bool hasMore;
        if (!string.IsNullOrEmpty(before))
        {
            var idx = IndexOf(ordered, id, before, objectName, "ending_before");
            var start = Math.Max(0, idx - (int)limit);
            page = ordered.Skip(start).Take(idx - start);
            hasMore = start > 0;
        }
        else
        {
            var start = 0;
            if (!string.IsNullOrEmpty(after)) start = IndexOf(ordered, id, after, objectName, "starting_after") + 1;
            page = ordered.Skip(start).Take((int)limit);
            hasMore = start + limit < ordered.Count;
        }
        var data = new JsonArray();
        foreach (var item in page) data.Add(render(item));
        return new JsonObject { ["object"] = "list", ["data"] = data, ["has_more"] = hasMore, ["url"] = url };
    }

    private static int IndexOf<T>(IReadOnlyList<T> ordered, Func<T, string> id, string cursor, string objectName, string param)
    {
        for (var i = 0; i < ordered.Count; i++)
            if (id(ordered[i]) == cursor) return i;
        throw new StripeEmulatorException(400, "invalid_request_error", $"No such {objectName}: '{cursor}'", param, "resource_missing");
    }

    internal static List<T> NewestFirst<T>(IEnumerable<T> items) where T : Entity => items.OrderByDescending(x => x.Seq).ToList();

    internal static JsonObject RenderMetadata(Dictionary<string, string> metadata)
    {
        var o = new JsonObject();
        foreach (var (k, v) in metadata) o[k] = v;
        return o;
    }

    internal static void ApplyMetadataUpdate(Entity entity, Params p)
    {
        var md = p.Metadata("metadata", out var cleared);
        if (cleared) { entity.Metadata = new(StringComparer.Ordinal); return; }
        if (md is null) return;
        foreach (var (k, v) in md)
        {
            if (v.Length == 0) entity.Metadata.Remove(k);
            else entity.Metadata[k] = v;
        }
    }

    internal static Dictionary<string, string> NewMetadata(Params p) =>
        (p.Metadata("metadata", out _) ?? new Dictionary<string, string>())
        .Where(kv => kv.Value.Length > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
}
