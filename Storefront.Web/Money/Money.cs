using System.Globalization;

namespace Storefront.Web.Money;

/// <summary>An amount in a currency's minor units. Never a decimal or double: rounding happens once, on purpose.</summary>
public readonly record struct Money
{
    public Money(long amount, string currency)
    {
        Amount = amount;
        Currency = CurrencyInfo.Normalise(currency);
    }

    public long Amount { get; }

    public string Currency { get; }

    public static Money Zero(string currency) => new(0, currency);

    public static Money operator +(Money a, Money b) => new(checked(a.Amount + b.Amount), SameCurrency(a, b));

    public static Money operator -(Money a, Money b) => new(checked(a.Amount - b.Amount), SameCurrency(a, b));

    public Money Times(int quantity) => new(checked(Amount * quantity), Currency);

    /// <summary>"$1,234.56", "¥1,235", "CHF 12.50"; negative amounts get a leading minus sign.</summary>
    public override string ToString() => MoneyFormatter.Format(Amount, Currency);

    private static string SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");
}

public static class MoneyFormatter
{
    /// <summary>Integer arithmetic only: major part with thousands separators, minor part zero-padded.</summary>
    public static string Format(long amount, string currency)
    {
        var decimals = CurrencyInfo.Decimals(currency);
        var magnitude = amount == long.MinValue ? throw new OverflowException() : Math.Abs(amount);
        var unit = decimals switch { 0 => 1L, 2 => 100L, 3 => 1000L, _ => throw new ArgumentOutOfRangeException(nameof(currency)) };
        var number = (magnitude / unit).ToString("N0", CultureInfo.InvariantCulture);
        if (decimals > 0)
        {
            number += "." + (magnitude % unit).ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0');
        }

        var symbol = CurrencyInfo.Symbol(currency);
        var text = symbol is null ? $"{currency.ToUpperInvariant()} {number}" : symbol + number;
        return amount < 0 ? "-" + text : text;
    }
}
