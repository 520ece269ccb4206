using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Web.Stripe;

/// <summary>
/// Encodes a parameter object as Stripe expects it: application/x-www-form-urlencoded with bracket notation
/// (<c>line_items[0][price_data][product_data][name]=X</c>, <c>expand[0]=line_items</c>).
/// </summary>
/// <remarks>
/// Rules, in one place:
/// <list type="bullet">
/// <item>Properties are written in declaration order under their snake_case name (or <see cref="JsonPropertyNameAttribute"/>); null is omitted.</item>
/// <item>Lists are indexed from 0; dictionaries (metadata) are written as <c>key[name]</c> sorted by name (ordinal), so the body is deterministic.</item>
/// <item>An empty list or dictionary, or <see cref="StripeFormEncoder.Empty"/>, encodes as <c>key=</c>: Stripe's "clear this list/map".</item>
/// <item>Booleans are <c>true</c>/<c>false</c>; numbers are invariant, decimals without trailing zeros; enums snake_case;
/// <see cref="DateTimeOffset"/> as unix seconds.</item>
/// <item>Key segments and values are percent-encoded as RFC 3986 unreserved-only (space is <c>%20</c>);
/// the brackets that structure a key are left literal, brackets inside a name or value are encoded.</item>
/// </list>
/// </remarks>
public static class StripeFormEncoder
{
    /// <summary>Marker value that encodes as <c>key=</c> (clears a list or map on Stripe's side).</summary>
    public static readonly object Empty = new EmptyMarker();

    private static readonly ConcurrentDictionary<Type, FormProperty[]> PropertyCache = new();

    /// <summary>The encoded form body (or query string, without the leading '?'). Null encodes as an empty string.</summary>
    public static string Encode(object? parameters)
    {
        var pairs = Flatten(parameters);
        var builder = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }

    /// <summary>The flattened pairs in order; keys are already encoded, values are raw.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(object? parameters)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (parameters is null)
        {
            return pairs;
        }

        if (IsScalar(parameters) || parameters is IEnumerable and not IDictionary and not IEnumerable<KeyValuePair<string, string>> and not IEnumerable<KeyValuePair<string, object?>>)
        {
            throw new ArgumentException("Form parameters must be an object or a dictionary at the top level.", nameof(parameters));
        }

        AppendComposite(pairs, prefix: null, parameters);
        return pairs;
    }

    private static void AppendValue(List<KeyValuePair<string, string>> pairs, string key, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case EmptyMarker:
                pairs.Add(new(key, string.Empty));
                return;
            case string s:
                pairs.Add(new(key, s));
                return;
            case bool b:
                pairs.Add(new(key, b ? "true" : "false"));
                return;
            case decimal d:
                pairs.Add(new(key, FormatDecimal(d)));
                return;
            case DateTimeOffset dto:
                pairs.Add(new(key, dto.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
                return;
            case Enum e:
                pairs.Add(new(key, JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString())));
                return;
            case IFormattable f when IsNumber(value):
                pairs.Add(new(key, f.ToString(null, CultureInfo.InvariantCulture)));
                return;
            default:
                AppendComposite(pairs, key, value);
                return;
        }
    }

    private static void AppendComposite(List<KeyValuePair<string, string>> pairs, string? prefix, object value)
    {
        var before = pairs.Count;
        switch (value)
        {
            case IDictionary dictionary:
                foreach (var entry in Entries(dictionary).OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    AppendValue(pairs, Child(prefix, entry.Key), entry.Value);
                }

                break;
            case IEnumerable<KeyValuePair<string, string>> map:
                foreach (var entry in map.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    AppendValue(pairs, Child(prefix, entry.Key), entry.Value);
                }

                break;
            case IEnumerable<KeyValuePair<string, object?>> objectMap:
                foreach (var entry in objectMap.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    AppendValue(pairs, Child(prefix, entry.Key), entry.Value);
                }

                break;
            case IEnumerable list:
                if (prefix is null)
                {
                    throw new ArgumentException("A list cannot be encoded at the top level.");
                }

                var index = 0;
                foreach (var item in list)
                {
                    AppendValue(pairs, prefix + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", item);
                    index++;
                }

                if (index == 0)
                {
                    pairs.Add(new(prefix, string.Empty));
                }

                return;
            default:
                foreach (var property in PropertyCache.GetOrAdd(value.GetType(), DiscoverProperties))
                {
                    AppendValue(pairs, Child(prefix, property.Name), property.Getter(value));
                }

                return;
        }

        // An empty dictionary clears the map (metadata=).
        if (pairs.Count == before && prefix is not null)
        {
            pairs.Add(new(prefix, string.Empty));
        }
    }

    private static IEnumerable<(string Key, object? Value)> Entries(IDictionary dictionary)
    {
        // IDictionary's own enumerator yields DictionaryEntry; the generic one (via IEnumerable) would yield KeyValuePair.
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
        {
            yield return (Convert.ToString(enumerator.Key, CultureInfo.InvariantCulture) ?? string.Empty, enumerator.Value);
        }
    }

    private static string Child(string? prefix, string name)
    {
        var escaped = Uri.EscapeDataString(name);
        return prefix is null ? escaped : prefix + "[" + escaped + "]";
    }

    private static FormProperty[] DiscoverProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .OrderBy(p => InheritanceDepth(p.DeclaringType!))
            .ThenBy(p => p.MetadataToken)
            .Select(p => new FormProperty(
                p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name),
                p.GetValue))
            .ToArray();

    private static int InheritanceDepth(Type type)
    {
        var depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }

    /// <summary>Invariant, no exponent, no trailing zeros: 8.50m → "8.5", 20.000m → "20", -0.0m → "0".</summary>
    internal static string FormatDecimal(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    private static bool IsNumber(object value) => value is byte or sbyte or short or ushort or int or uint or long or ulong or float or double;

    private static bool IsScalar(object value) => value is string or bool or decimal or DateTimeOffset or Enum or EmptyMarker || IsNumber(value);

    private sealed record FormProperty(string Name, Func<object?, object?> Getter);

    private sealed class EmptyMarker
    {
        public override string ToString() => "(empty)";
    }
}
