using System.Globalization;

namespace Storefront.StripeEmulator.Internal;

/// <summary>
/// Typed, path-aware reader over one decoded form object. Every reader call checks types and produces Stripe-style
/// errors whose <c>param</c> is the full bracketed name (e.g. <c>line_items[0][quantity]</c>).
/// </summary>
internal sealed class Params
{
    private readonly Dictionary<string, FormNode> _map;
    public string Path { get; }

    public Params(FormNode node, string path)
    {
        _map = node.Map ?? throw StripeEmulatorException.Invalid($"Invalid object: {path}", path);
        Path = path;
    }

    public static Params Empty => new(FormNode.NewMap(), "");

    public string Name(string key) => Path.Length == 0 ? key : $"{Path}[{key}]";

    public IEnumerable<string> Keys => _map.Keys;

    /// <summary>Rejects any key not listed: "Received unknown parameter: x".</summary>
    public Params Allow(params string[] allowed)
    {
        foreach (var k in _map.Keys)
            if (Array.IndexOf(allowed, k) < 0) throw StripeEmulatorException.UnknownParam(Name(k));
        return this;
    }

    public bool Has(string key) => _map.ContainsKey(key);

    /// <summary>True when the key is present with an empty string value (Stripe's "clear").</summary>
    public bool IsCleared(string key) => _map.TryGetValue(key, out var n) && n.IsEmptyString;

    public string? Str(string key)
    {
        if (!_map.TryGetValue(key, out var n)) return null;
        return n.Scalar ?? throw StripeEmulatorException.Invalid($"Invalid string: {Name(key)} must be a string.", Name(key));
    }

    public string ReqStr(string key)
    {
        var s = Str(key);
        return string.IsNullOrEmpty(s) ? throw StripeEmulatorException.Missing(Name(key)) : s;
    }

    public string? Enum(string key, params string[] values)
    {
        var s = Str(key);
        if (s is null) return null;
        if (Array.IndexOf(values, s) < 0)
            throw StripeEmulatorException.Invalid(
                $"Invalid {Name(key)}: must be one of {string.Join(", ", values)}", Name(key));
        return s;
    }

    public long? Long(string key)
    {
        var s = Str(key);
        if (s is null) return null;
        if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            throw StripeEmulatorException.Invalid($"Invalid integer: {s}", Name(key));
        return v;
    }

    public long ReqLong(string key) => Long(key) ?? throw StripeEmulatorException.Missing(Name(key));

    public long? NonNegLong(string key)
    {
        var v = Long(key);
        if (v < 0) throw StripeEmulatorException.Invalid($"This value must be greater than or equal to 0.", Name(key));
        return v;
    }

    public decimal? Dec(string key)
    {
        var s = Str(key);
        if (s is null) return null;
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            throw StripeEmulatorException.Invalid($"Invalid decimal: {s}", Name(key));
        return v;
    }

    public bool? Bool(string key)
    {
        var s = Str(key);
        return s switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw StripeEmulatorException.Invalid($"Invalid boolean: {s}", Name(key)),
        };
    }

    public Params? Obj(string key)
    {
        if (!_map.TryGetValue(key, out var n)) return null;
        if (n.Map is null) throw StripeEmulatorException.Invalid($"Invalid object: {Name(key)} must be an object.", Name(key));
        return new Params(n, Name(key));
    }

    public Params ReqObj(string key) => Obj(key) ?? throw StripeEmulatorException.Missing(Name(key));

    /// <summary>Reads an array of objects given as <c>k[0][..]</c> (or <c>k[][..]</c>). Null when absent; empty when cleared.</summary>
    public List<Params>? ObjList(string key)
    {
        var nodes = NodeList(key);
        if (nodes is null) return null;
        var result = new List<Params>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var name = $"{Name(key)}[{i}]";
            if (nodes[i].Map is null) throw StripeEmulatorException.Invalid($"Invalid object: {name} must be an object.", name);
            result.Add(new Params(nodes[i], name));
        }
        return result;
    }

    /// <summary>Reads an array of strings (<c>k[]=</c> or <c>k[0]=</c>). Null when absent; empty when cleared.</summary>
    public List<string>? StrList(string key)
    {
        var nodes = NodeList(key);
        if (nodes is null) return null;
        var result = new List<string>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var name = $"{Name(key)}[{i}]";
            result.Add(nodes[i].Scalar ?? throw StripeEmulatorException.Invalid($"Invalid string: {name}", name));
        }
        return result;
    }

    private List<FormNode>? NodeList(string key)
    {
        if (!_map.TryGetValue(key, out var n)) return null;
        if (n.IsEmptyString) return [];
        if (n.List is not null) return n.List;
        if (n.Map is not null)
        {
            var items = new List<(int Index, FormNode Node)>();
            foreach (var (k, v) in n.Map)
            {
                if (!FormDecoder.IsIndex(k))
                    throw StripeEmulatorException.Invalid($"Invalid array: {Name(key)} must be an array (got key '{k}').", Name(key));
                items.Add((int.Parse(k, CultureInfo.InvariantCulture), v));
            }
            return items.OrderBy(x => x.Index).Select(x => x.Node).ToList();
        }
        throw StripeEmulatorException.Invalid($"Invalid array: {Name(key)} must be an array.", Name(key));
    }

    /// <summary>Reads metadata: null when absent, an empty map with <c>cleared</c> when <c>metadata=</c>.</summary>
    public Dictionary<string, string>? Metadata(string key, out bool cleared)
    {
        cleared = IsCleared(key);
        if (cleared) return new Dictionary<string, string>();
        var o = Obj(key);
        if (o is null) return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var k in o.Keys)
            result[k] = o.Str(k) ?? "";
        return result;
    }

    /// <summary><c>expand[]</c> / <c>expand[0]</c> values.</summary>
    public List<string> Expand() => StrList("expand") ?? [];
}
