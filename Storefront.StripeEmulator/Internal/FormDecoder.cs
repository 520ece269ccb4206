using System.Globalization;
using System.Text;

namespace Storefront.StripeEmulator.Internal;

/// <summary>A decoded form value: a scalar string, a map (objects and indexed arrays) or a list (<c>a[]=</c>).</summary>
internal sealed class FormNode
{
    public string? Scalar { get; private init; }
    public Dictionary<string, FormNode>? Map { get; private init; }
    public List<FormNode>? List { get; private init; }

    public static FormNode NewScalar(string v) => new() { Scalar = v };
    public static FormNode NewMap() => new() { Map = new Dictionary<string, FormNode>(StringComparer.Ordinal) };
    public static FormNode NewList() => new() { List = [] };

    public bool IsEmptyString => Scalar is { Length: 0 };

    /// <summary>Canonical text used to compare idempotent requests: map keys sorted, list order kept.</summary>
    public void AppendCanonical(StringBuilder sb)
    {
        if (Scalar is not null) { sb.Append('"').Append(Scalar.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"'); return; }
        if (List is not null)
        {
            sb.Append('[');
            foreach (var n in List) { n.AppendCanonical(sb); sb.Append(','); }
            sb.Append(']');
            return;
        }
        sb.Append('{');
        foreach (var (k, v) in Map!.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(k).Append(':');
            v.AppendCanonical(sb);
            sb.Append(',');
        }
        sb.Append('}');
    }
}

/// <summary>
/// Decodes <c>application/x-www-form-urlencoded</c> text with Stripe's bracket notation:
/// <c>a[b][c]=1</c> (objects), <c>a[0][b]=1</c> (indexed arrays, kept as maps with numeric keys until read as a list)
/// and <c>a[]=1</c> (appended arrays). An empty value is kept as "" (meaning "clear" for lists and maps).
/// </summary>
internal static class FormDecoder
{
    public static FormNode Decode(string text)
    {
        var root = FormNode.NewMap();
        if (string.IsNullOrEmpty(text)) return root;
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0) continue;
            var eq = pair.IndexOf('=');
            var rawKey = eq < 0 ? pair : pair[..eq];
            var rawValue = eq < 0 ? "" : pair[(eq + 1)..];
            var key = Unescape(rawKey);
            var value = Unescape(rawValue);
            Insert(root, key, value);
        }
        return root;
    }

    private static string Unescape(string s)
    {
        try
        {
            return Uri.UnescapeDataString(s.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            throw StripeEmulatorException.Invalid("Invalid URL-encoded request body.");
        }
    }

    /// <summary>Splits <c>a[b][0][]</c> into ["a","b","0",""]. A key with unbalanced brackets is used literally.</summary>
    internal static List<string> SplitKey(string key)
    {
        var open = key.IndexOf('[');
        if (open <= 0) return [key];
        var parts = new List<string> { key[..open] };
        var i = open;
        while (i < key.Length)
        {
            if (key[i] != '[') return [key];
            var close = key.IndexOf(']', i);
            if (close < 0) return [key];
            parts.Add(key[(i + 1)..close]);
            i = close + 1;
        }
        return parts;
    }

    private static void Insert(FormNode root, string key, string value)
    {
        var parts = SplitKey(key);
        var node = root;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var last = i == parts.Count - 1;
            var name = string.Join("", parts.Take(i + 1).Select((p, j) => j == 0 ? p : $"[{p}]"));
            if (node.List is not null)
            {
                // node is an appended list; `part` was "" in the previous step (handled there).
                throw StripeEmulatorException.Invalid($"Invalid array: {name}", name);
            }
            var map = node.Map!;
            if (part.Length == 0 && i > 0)
            {
                throw StripeEmulatorException.Invalid($"Invalid array: {name}", name);
            }
            if (last)
            {
                if (map.TryGetValue(part, out var existing) && existing.Scalar is null && value.Length > 0)
                    throw StripeEmulatorException.Invalid($"Invalid value for {name}: it was also given as an object or array.", name);
                map[part] = FormNode.NewScalar(value);
                return;
            }
            var next = parts[i + 1];
            if (next.Length == 0)
            {
                // a[] or a[][b]
                if (!map.TryGetValue(part, out var list) || list.List is null)
                {
                    if (list is not null && !list.IsEmptyString && list.List is null)
                        throw StripeEmulatorException.Invalid($"Invalid array: {name}", name);
                    list = FormNode.NewList();
                    map[part] = list;
                }
                if (i + 1 == parts.Count - 1)
                {
                    list.List!.Add(FormNode.NewScalar(value));
                    return;
                }
                // a[][b]=…: start a new element when the last one already has b.
                var child = parts[i + 2];
                var lastEl = list.List!.Count > 0 ? list.List[^1] : null;
                if (lastEl?.Map is null || lastEl.Map.ContainsKey(child))
                {
                    lastEl = FormNode.NewMap();
                    list.List.Add(lastEl);
                }
                node = lastEl;
                i++; // skip the "" segment
                continue;
            }
            if (!map.TryGetValue(part, out var sub) || sub.Map is null)
            {
                if (sub is not null && !sub.IsEmptyString)
                    throw StripeEmulatorException.Invalid($"Invalid value for {name}: it was also given as a scalar or list.", name);
                sub = FormNode.NewMap();
                map[part] = sub;
            }
            node = sub;
        }
    }

    internal static bool IsIndex(string s) =>
        s.Length is > 0 and < 10 && s.All(char.IsAsciiDigit) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
