namespace Storefront.Data.Tax;

/// <summary>A sales tax or VAT rate for a country, optionally narrowed to a state.</summary>
public sealed class TaxRate : IVersioned
{
    private TaxRate()
    {
    }

    public TaxRate(string displayName, string country, string? state, decimal percentage, bool inclusive)
    {
        Update(displayName, country, state, percentage, inclusive);
        IsActive = true;
    }

    public int Id { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string Country { get; private set; } = "";

    public string? State { get; private set; }

    /// <summary>A percentage such as 8.875 (a rate, not money; kept to four decimals).</summary>
    public decimal Percentage { get; private set; }

    /// <summary>Inclusive rates are contained in the price (VAT); exclusive rates are added on top (US sales tax).</summary>
    public bool Inclusive { get; private set; }

    public bool IsActive { get; private set; }

    public string? StripeTaxRateId { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public void Update(string displayName, string country, string? state, decimal percentage, bool inclusive)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            throw new ArgumentException("A tax rate needs a display name.", nameof(displayName));
        }

        if (country is null || country.Trim().Length != 2)
        {
            throw new ArgumentException("A country is a two-letter ISO code.", nameof(country));
        }

        if (percentage is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentage), "A tax percentage is between 0 and 100.");
        }

        var changed = percentage != Percentage || inclusive != Inclusive;
        DisplayName = displayName.Trim();
        Country = country.Trim().ToUpperInvariant();
        State = string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToUpperInvariant();
        Percentage = percentage;
        Inclusive = inclusive;

        // Stripe tax rates are immutable in percentage and inclusivity: a change needs a new Stripe rate.
        if (changed)
        {
            StripeTaxRateId = null;
        }
    }

    public void LinkStripeTaxRate(string id) => StripeTaxRateId = id;

    public void Activate() => IsActive = true;

    public void Deactivate() => IsActive = false;
}
