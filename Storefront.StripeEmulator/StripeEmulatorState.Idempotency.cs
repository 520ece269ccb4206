namespace Storefront.StripeEmulator;

// Idempotency records, scoped per secret key. Only POSTs carry keys (as the official SDKs send them).
public sealed partial class StripeEmulatorState
{
    internal sealed class IdempotencyRecord
    {
        public required string Fingerprint { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public bool Done { get; set; }
        public int Status { get; set; }
        public string Body { get; set; } = "";
        public string RequestId { get; set; } = "";
    }

    internal enum IdempotencyDecision { Execute, Replay, Mismatch, InFlight }

    /// <summary>Keyed by a digest of the secret key (never stored in clear) and the idempotency key; only finished records are stored.</summary>
    private readonly Persistence.TrackedMap<IdempotencyRecord> _idempotency = new("idempotency", r => r.Done);

    private static string IdempotencyId(string apiKey, string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(apiKey)))[..16] + " " + key;

    internal IdempotencyDecision BeginIdempotent(string apiKey, string key, string fingerprint, out IdempotencyRecord? record)
    {
        lock (Gate)
        {
            var now = _time.GetUtcNow() + _offset;
            if (_idempotency.TryGetValue(IdempotencyId(apiKey, key), out record) && now - record.CreatedAt >= Options.IdempotencyKeyLifetime)
            {
                _idempotency.Remove(IdempotencyId(apiKey, key));
                record = null;
            }
            if (record is null)
            {
                record = new IdempotencyRecord { Fingerprint = fingerprint, CreatedAt = now };
                _idempotency[IdempotencyId(apiKey, key)] = record;
                return IdempotencyDecision.Execute;
            }
            if (record.Fingerprint != fingerprint) return IdempotencyDecision.Mismatch;
            return record.Done ? IdempotencyDecision.Replay : IdempotencyDecision.InFlight;
        }
    }

    /// <summary>True while a request holding this key is executing (for tests).</summary>
    internal bool IsIdempotencyKeyInFlight(string apiKey, string key)
    {
        lock (Gate) return _idempotency.TryGetValue(IdempotencyId(apiKey, key), out var r) && !r.Done;
    }

    internal void CompleteIdempotent(string apiKey, string key, int status, string body, string requestId)
    {
        lock (Gate)
        {
            if (!_idempotency.TryGetValue(IdempotencyId(apiKey, key), out var record)) return;
            record.Status = status;
            record.Body = body;
            record.RequestId = requestId;
            record.Done = true;
        }
    }

    /// <summary>Forgets an in-flight key whose execution did not produce a response (crash, aborted request).</summary>
    internal void AbandonIdempotent(string apiKey, string key)
    {
        lock (Gate)
        {
            if (_idempotency.TryGetValue(IdempotencyId(apiKey, key), out var record) && !record.Done) _idempotency.Remove(IdempotencyId(apiKey, key));
        }
    }
}
