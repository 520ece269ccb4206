using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Storefront.StripeEmulator.Persistence;

/// <summary>
/// A string-keyed map that remembers which entries were read, written or removed since the last flush, so the state can
/// write through to its store only what may have changed. Reads count because callers mutate what they look up
/// (<c>FindSession(id).Status = …</c>); the flush compares each candidate's JSON with what was last stored and skips the
/// unchanged ones. Enumerating <see cref="Values"/> does not count: code that changes an entry found that way calls
/// <see cref="Touch"/>. Only ever used with <c>StripeEmulatorState.Gate</c> held.
/// </summary>
internal sealed class TrackedMap<T>(string kind, Func<T, bool>? persistable = null) : IReadOnlyDictionary<string, T>, ITrackedMap where T : class
{
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stored = new(StringComparer.Ordinal);
    private readonly HashSet<string> _candidates = new(StringComparer.Ordinal);

    public string Kind { get; } = kind;

    public T this[string key]
    {
        get { _candidates.Add(key); return _items[key]; }
        set { _candidates.Add(key); _items[key] = value; }
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        if (!_items.TryGetValue(key, out value)) return false;
        _candidates.Add(key);
        return true;
    }

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool Remove(string key)
    {
        _candidates.Add(key);
        return _items.Remove(key);
    }

    public void Clear()
    {
        _candidates.UnionWith(_items.Keys);
        _items.Clear();
    }

    /// <summary>Marks an entry changed that was reached by enumeration.</summary>
    public void Touch(string key) => _candidates.Add(key);

    public IEnumerable<string> Keys => _items.Keys;
    public IEnumerable<T> Values => _items.Values;
    public int Count => _items.Count;
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Loads a stored entry without marking it changed.</summary>
    public void Load(string key, string json, JsonSerializerOptions options)
    {
        _items[key] = JsonSerializer.Deserialize<T>(json, options)!;
        _stored[key] = json;
    }

    /// <summary>Reports what differs from the store since the last <see cref="Accept"/> (upserts with their JSON, deletions).</summary>
    public void CollectChanges(JsonSerializerOptions options, List<StoreChange> changes)
    {
        foreach (var key in _candidates)
        {
            if (_items.TryGetValue(key, out var item) && (persistable?.Invoke(item) ?? true))
            {
                var json = JsonSerializer.Serialize(item, options);
                if (!_stored.TryGetValue(key, out var old) || old != json) changes.Add(new StoreChange(Kind, key, json));
            }
            else if (_stored.ContainsKey(key))
            {
                changes.Add(new StoreChange(Kind, key, null));
            }
        }
    }

    /// <summary>The collected changes are committed (or there is no store): remember them and start afresh.</summary>
    public void Accept(IEnumerable<StoreChange> committed)
    {
        foreach (var c in committed.Where(c => c.Kind == Kind))
        {
            if (c.Json is null) _stored.Remove(c.Id);
            else _stored[c.Id] = c.Json;
        }
        _candidates.Clear();
    }
}

/// <summary>One row to write (<see cref="Json"/> set) or delete (null).</summary>
internal sealed record StoreChange(string Kind, string Id, string? Json);
