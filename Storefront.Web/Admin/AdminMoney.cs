using System.Globalization;
using Storefront.Web.Money;

namespace Storefront.Web.Admin;

/// <summary>Merchants type amounts in major units ("24.00"); the database keeps minor units (2400).</summary>
public static class AdminMoney
{
    /// <summary>Minor units, or null when the amount has more decimals than the currency allows.</summary>
    public static long? ToMinor(decimal major, string currency)
    {
        var decimals = CurrencyInfo.Decimals(currency);
        if (decimal.Round(major, decimals) != major)
        {
            return null;
        }

        return decimal.ToInt64(major * Pow10(decimals));
    }

    public static decimal ToMajor(long minor, string currency) => minor / Pow10(CurrencyInfo.Decimals(currency));

    /// <summary>The value an input shows: "24.00", "1500", never with thousands separators.</summary>
    public static string ForInput(long minor, string currency) =>
        ToMajor(minor, currency).ToString("F" + CurrencyInfo.Decimals(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static decimal Pow10(int decimals) => decimals switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => throw new ArgumentOutOfRangeException(nameof(decimals)) };
}
