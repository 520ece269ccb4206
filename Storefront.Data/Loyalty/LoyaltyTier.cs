namespace Storefront.Data.Loyalty;

/// <summary>A customer reaches a tier once their lifetime spend is at least the tier's minimum.</summary>
public sealed class LoyaltyTier : IVersioned
{
    private LoyaltyTier()
    {
    }

    public LoyaltyTier(string name, long minimumLifetimeSpend, int percentOff, long? capAmount, string currency)
    {
        Update(name, minimumLifetimeSpend, percentOff, capAmount, currency);
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public long MinimumLifetimeSpend { get; private set; }

    public int PercentOff { get; private set; }

    public long? CapAmount { get; private set; }

    public string Currency { get; private set; } = "usd";

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public void Update(string name, long minimumLifetimeSpend, int percentOff, long? capAmount, string currency)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A tier needs a name.", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minimumLifetimeSpend);
        if (percentOff is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentOff), "Percent off is between 0 and 100.");
        }

        if (capAmount is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capAmount), "A cap is a positive amount.");
        }

        Name = name.Trim();
        MinimumLifetimeSpend = minimumLifetimeSpend;
        PercentOff = percentOff;
        CapAmount = capAmount;
        Currency = currency.ToLowerInvariant();
    }
}
