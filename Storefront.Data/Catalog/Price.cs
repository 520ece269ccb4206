namespace Storefront.Data.Catalog;

/// <summary>
/// What a product costs in one currency, per interval for subscriptions. Prices are immutable once sold:
/// a new amount is a new price and the old one is deactivated (as in Stripe).
/// </summary>
public sealed class Price
{
    private Price()
    {
    }

    internal Price(Product product, string currency, long unitAmount, BillingInterval interval, string? lookupKey)
    {
        if (unitAmount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(unitAmount), "A price cannot be negative.");
        }

        if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            throw new ArgumentException("A currency is a three-letter ISO code.", nameof(currency));
        }

        Product = product;
        Currency = currency.ToLowerInvariant();
        UnitAmount = unitAmount;
        Interval = interval;
        LookupKey = string.IsNullOrWhiteSpace(lookupKey) ? null : lookupKey.Trim();
        IsActive = true;
    }

    public int Id { get; private set; }

    public int ProductId { get; private set; }

    public Product Product { get; private set; } = null!;

    /// <summary>Lower-case ISO 4217 code, as Stripe spells it.</summary>
    public string Currency { get; private set; } = "usd";

    /// <summary>Minor units (cents; yen for JPY).</summary>
    public long UnitAmount { get; private set; }

    public BillingInterval Interval { get; private set; }

    public bool IsActive { get; private set; }

    public string? LookupKey { get; private set; }

    public string? StripePriceId { get; private set; }

    public bool IsRecurring => Interval != BillingInterval.None;

    public void Deactivate() => IsActive = false;

    public void LinkStripePrice(string stripePriceId) => StripePriceId = stripePriceId;
}
