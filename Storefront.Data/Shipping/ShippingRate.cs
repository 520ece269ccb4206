namespace Storefront.Data.Shipping;

/// <summary>A way to ship, offered to the countries it lists; free once the cart subtotal reaches FreeOverAmount.</summary>
public sealed class ShippingRate : IVersioned
{
    private ShippingRate()
    {
    }

    public ShippingRate(string name, long amount, string currency, int minDays, int maxDays, IEnumerable<string> countries)
    {
        Update(name, amount, currency, minDays, maxDays, countries, null);
        IsActive = true;
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public long Amount { get; private set; }

    public string Currency { get; private set; } = "usd";

    public int DeliveryMinDays { get; private set; }

    public int DeliveryMaxDays { get; private set; }

    /// <summary>Upper-case ISO country codes, comma-separated (a small list; read through <see cref="CountryList"/>).</summary>
    public string Countries { get; private set; } = "";

    public long? FreeOverAmount { get; private set; }

    public bool IsActive { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<string> CountryList =>
        Countries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void BumpVersion() => Version++;

    public void Update(string name, long amount, string currency, int minDays, int maxDays, IEnumerable<string> countries, long? freeOverAmount)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A shipping rate needs a name.", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (minDays < 0 || maxDays < minDays)
        {
            throw new ArgumentException("Delivery estimate must be ordered: minimum ≤ maximum.", nameof(maxDays));
        }

        if (freeOverAmount is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(freeOverAmount));
        }

        var list = countries.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length == 2).Distinct().ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A shipping rate serves at least one country.", nameof(countries));
        }

        Name = name.Trim();
        Amount = amount;
        Currency = currency.ToLowerInvariant();
        DeliveryMinDays = minDays;
        DeliveryMaxDays = maxDays;
        Countries = string.Join(',', list);
        FreeOverAmount = freeOverAmount;
    }

    public bool Serves(string country) => CountryList.Contains(country.ToUpperInvariant());

    public void Activate() => IsActive = true;

    public void Deactivate() => IsActive = false;
}
