using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Storefront.StripeEmulator.Internal;
using Storefront.StripeEmulator.Persistence;

namespace Storefront.StripeEmulator;

/// <summary>One webhook still to send to one endpoint: the body is fixed when the event is made, as Stripe's is.</summary>
internal sealed class PendingDelivery
{
    public required string Id { get; init; }
    public required string EventId { get; init; }
    public required string EventType { get; init; }
    public required string EndpointUrl { get; init; }
    public required string Body { get; init; }
    public int Attempt { get; set; } = 1;
    /// <summary>Real (system) time: retry delays are real time whatever the emulator's or host's clock says.</summary>
    public DateTimeOffset DueAt { get; set; }
}

// Write-through persistence: the in-memory maps stay the working set; Flush() commits whatever changed since the last
// flush in one SQLite transaction. The HTTP layer flushes as the response starts, the background workers after each
// change, so nothing is acknowledged before it is on disk.
public sealed partial class StripeEmulatorState
{
    private const int DeliveryLogKept = 1000;
    private static readonly JsonSerializerOptions StoreJson = new();

    private EmulatorStore? _store;
    private readonly List<string> _unsavedDeliveries = [];
    private bool _deliveryLogCleared;
    private (long Seq, long OffsetTicks) _storedMeta;

    internal readonly TrackedMap<PendingDelivery> PendingDeliveries = new("pending_delivery");
    internal readonly HashSet<string> DeliveriesInFlight = new(StringComparer.Ordinal);

    /// <summary>Wakes the webhook dispatcher (a new event, a finished attempt).</summary>
    internal readonly Channel<bool> DeliverySignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private IEnumerable<ITrackedMap> StoredMaps =>
        [Products, Prices, Coupons, TaxRates, ShippingRates, Sessions, PaymentIntents, Events, PendingDeliveries, _idempotency];

    /// <summary>True when the state is backed by a data folder (<see cref="StripeEmulatorOptions.DataDirectory"/>).</summary>
    public bool IsPersistent { get { lock (Gate) return _store is not null; } }

    /// <summary>Loads everything the store holds and writes every later change to it.</summary>
    internal void AttachStore(EmulatorStore store)
    {
        lock (Gate)
        {
            var maps = StoredMaps.ToDictionary(m => m.Kind, StringComparer.Ordinal);
            foreach (var (kind, id, json) in store.ReadObjects())
                if (maps.TryGetValue(kind, out var map)) map.Load(id, json, StoreJson);
            var meta = store.ReadMeta();
            _seq = meta.TryGetValue("seq", out var seq) ? long.Parse(seq, CultureInfo.InvariantCulture) : 0;
            _offset = meta.TryGetValue("offset_ticks", out var ticks) ? TimeSpan.FromTicks(long.Parse(ticks, CultureInfo.InvariantCulture)) : TimeSpan.Zero;
            _storedMeta = (_seq, _offset.Ticks);
            _deliveries.Clear();
            foreach (var json in store.ReadDeliveries(DeliveryLogKept))
                _deliveries.Add(JsonSerializer.Deserialize<WebhookDeliveryAttempt>(json, StoreJson)!);
            _store = store;
        }
        DeliverySignal.Writer.TryWrite(true);
    }

    /// <summary>Stops writing (the store is being closed); what changed so far is flushed first.</summary>
    internal void DetachStore()
    {
        lock (Gate)
        {
            FlushLocked();
            _store = null;
        }
    }

    /// <summary>Commits every change not yet written (a no-op in memory). The HTTP layer and the workers call it; tests may.</summary>
    public void Flush()
    {
        lock (Gate) FlushLocked();
    }

    private void FlushLocked()
    {
        if (_store is null)
        {
            foreach (var map in StoredMaps) map.Accept([]);
            _unsavedDeliveries.Clear();
            _deliveryLogCleared = false;
            return;
        }
        var changes = new List<StoreChange>();
        foreach (var map in StoredMaps) map.CollectChanges(StoreJson, changes);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_storedMeta != (_seq, _offset.Ticks))
        {
            meta["seq"] = _seq.ToString(CultureInfo.InvariantCulture);
            meta["offset_ticks"] = _offset.Ticks.ToString(CultureInfo.InvariantCulture);
        }
        if (changes.Count > 0 || meta.Count > 0 || _unsavedDeliveries.Count > 0 || _deliveryLogCleared)
        {
            // Throws on a disk error with nothing marked as stored, so the next flush writes it all again.
            _store.Write(changes, meta, _unsavedDeliveries, _deliveryLogCleared);
        }
        foreach (var map in StoredMaps) map.Accept(changes);
        _storedMeta = (_seq, _offset.Ticks);
        _unsavedDeliveries.Clear();
        _deliveryLogCleared = false;
    }

    /// <summary>Part of <see cref="Reset"/>: pending webhooks and the delivery log go too.</summary>
    private void ResetPersistedExtras()
    {
        PendingDeliveries.Clear();
        DeliveriesInFlight.Clear();
        _unsavedDeliveries.Clear();
        _deliveryLogCleared = true;
    }

    /// <summary>Queues the event for every configured endpoint (called by Emit, with Gate held).</summary>
    private void QueueDeliveries(StripeEvent ev)
    {
        var body = RenderEvent(ev).ToJsonString(Json);
        var now = TimeProvider.System.GetUtcNow();
        foreach (var endpoint in Options.WebhookEndpoints.ToList())
        {
            var id = ev.Id + " " + endpoint.Url;
            PendingDeliveries[id] = new PendingDelivery
            {
                Id = id, EventId = ev.Id, EventType = ev.Type, EndpointUrl = endpoint.Url, Body = body, DueAt = now,
            };
        }
        DeliverySignal.Writer.TryWrite(true);
    }

    /// <summary>Records one attempt; on success (or when the schedule is used up) the delivery is done, else it is due again after <paramref name="retryIn"/>.</summary>
    internal void FinishAttempt(PendingDelivery delivery, WebhookDeliveryAttempt attempt, TimeSpan? retryIn)
    {
        lock (Gate)
        {
            DeliveriesInFlight.Remove(delivery.Id);
            var current = PendingDeliveries.TryGetValue(delivery.Id, out var d) && ReferenceEquals(d, delivery);
            if (!current) return; // reset meanwhile
            RecordDelivery(attempt);
            _unsavedDeliveries.Add(JsonSerializer.Serialize(attempt, StoreJson));
            if (attempt.Succeeded || retryIn is null)
            {
                PendingDeliveries.Remove(delivery.Id);
            }
            else
            {
                delivery.Attempt++;
                delivery.DueAt = TimeProvider.System.GetUtcNow() + retryIn.Value;
            }
            FlushLocked();
        }
        DeliverySignal.Writer.TryWrite(true);
    }
}

/// <summary>The non-generic face of <see cref="TrackedMap{T}"/> the store works with.</summary>
internal interface ITrackedMap
{
    string Kind { get; }
    void Load(string key, string json, JsonSerializerOptions options);
    void CollectChanges(JsonSerializerOptions options, List<StoreChange> changes);
    void Accept(IEnumerable<StoreChange> committed);
}
