using System.Collections.Frozen;

namespace Storefront.Web.Money;

/// <summary>
/// How many decimals a currency's minor unit has, as Stripe counts it. Amounts everywhere are integers in
/// minor units: 1234 is $12.34 but ¥1,234.
/// </summary>
public static class CurrencyInfo
{
    private static readonly FrozenSet<string> ZeroDecimal = new[]
    {
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
    }.ToFrozenSet();

    private static readonly FrozenSet<string> ThreeDecimal = new[] { "bhd", "jod", "kwd", "omr", "tnd" }.ToFrozenSet();

    private static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>
    {
        ["usd"] = "$",
        ["eur"] = "€",
        ["gbp"] = "£",
        ["jpy"] = "¥",
        ["cad"] = "CA$",
        ["aud"] = "A$",
        ["krw"] = "₩",
    }.ToFrozenDictionary();

    public static int Decimals(string currency)
    {
        var code = Normalise(currency);
        return ZeroDecimal.Contains(code) ? 0 : ThreeDecimal.Contains(code) ? 3 : 2;
    }

    public static bool IsZeroDecimal(string currency) => Decimals(currency) == 0;

    /// <summary>The symbol written before the amount, or null when the ISO code is written instead.</summary>
    public static string? Symbol(string currency) => Symbols.GetValueOrDefault(Normalise(currency));

    public static string Normalise(string currency)
    {
        if (currency is null || currency.Length != 3)
        {
            throw new ArgumentException("A currency is a three-letter ISO 4217 code.", nameof(currency));
        }

        return currency.ToLowerInvariant();
    }
}
