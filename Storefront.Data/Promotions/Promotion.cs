namespace Storefront.Data.Promotions;

/// <summary>
/// A merchant-defined discount. The pricing engine decides how promotions combine: <see cref="Stackable"/>
/// ones add up, a non-stackable one competes with the others, <see cref="Priority"/> orders them, and
/// <see cref="CapAmount"/> limits what a single promotion can take off.
/// </summary>
public sealed class Promotion : IVersioned
{
    private Promotion()
    {
    }

    public Promotion(string name, PromotionKind kind, DiscountType discountType, int percentOff, long amountOff, string currency)
    {
        Name = name;
        Kind = kind;
        SetDiscount(discountType, percentOff, amountOff, currency);
        IsActive = true;
        Stackable = true;
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public PromotionKind Kind { get; private set; }

    public DiscountType DiscountType { get; private set; }

    /// <summary>Whole percent, 1–100, when <see cref="DiscountType"/> is Percent.</summary>
    public int PercentOff { get; private set; }

    /// <summary>Minor units, when <see cref="DiscountType"/> is Amount.</summary>
    public long AmountOff { get; private set; }

    public string Currency { get; private set; } = "usd";

    /// <summary>Largest amount (minor units) this promotion takes off one cart.</summary>
    public long? CapAmount { get; private set; }

    public bool Stackable { get; private set; }

    /// <summary>Lower runs first and wins ties between exclusive promotions.</summary>
    public int Priority { get; private set; }

    public DateTimeOffset? StartsAt { get; private set; }

    public DateTimeOffset? EndsAt { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Cart subtotal (minor units) a threshold promotion needs.</summary>
    public long? ThresholdAmount { get; private set; }

    /// <summary>ISO 3166-1 alpha-2 country for a region promotion.</summary>
    public string? Country { get; private set; }

    public string? State { get; private set; }

    /// <summary>The one customer a customer-specific promotion is for.</summary>
    public string? CustomerUserId { get; private set; }

    /// <summary>Upper-case code shoppers type, unique across promotions.</summary>
    public string? Code { get; private set; }

    public int? RedemptionLimit { get; private set; }

    public int RedemptionCount { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A promotion needs a name.", nameof(name));
        }

        Name = name.Trim();
    }

    public void SetDiscount(DiscountType type, int percentOff, long amountOff, string currency)
    {
        if (type == DiscountType.Percent && percentOff is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentOff), "Percent off is between 1 and 100.");
        }

        if (type == DiscountType.Amount && amountOff <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amountOff), "Amount off must be above zero.");
        }

        DiscountType = type;
        PercentOff = type == DiscountType.Percent ? percentOff : 0;
        AmountOff = type == DiscountType.Amount ? amountOff : 0;
        Currency = currency.ToLowerInvariant();
    }

    public void SetPolicy(bool stackable, int priority, long? capAmount)
    {
        if (capAmount is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capAmount), "A cap is a positive amount.");
        }

        Stackable = stackable;
        Priority = priority;
        CapAmount = capAmount;
    }

    public void SetWindow(DateTimeOffset? startsAt, DateTimeOffset? endsAt)
    {
        if (startsAt is not null && endsAt is not null && endsAt <= startsAt)
        {
            throw new ArgumentException("A promotion must end after it starts.", nameof(endsAt));
        }

        StartsAt = startsAt;
        EndsAt = endsAt;
    }

    public void SetThreshold(long? thresholdAmount)
    {
        if (thresholdAmount is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdAmount));
        }

        ThresholdAmount = thresholdAmount;
    }

    public void SetRegion(string? country, string? state)
    {
        Country = string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();
        State = string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToUpperInvariant();
    }

    public void SetCustomer(string? userId) => CustomerUserId = string.IsNullOrWhiteSpace(userId) ? null : userId;

    public void SetCode(string? code) =>
        Code = string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    public void SetRedemptionLimit(int? limit)
    {
        if (limit is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), "A redemption limit is at least 1.");
        }

        RedemptionLimit = limit;
    }

    public void Activate() => IsActive = true;

    public void Deactivate() => IsActive = false;

    public bool IsExhausted => RedemptionLimit is not null && RedemptionCount >= RedemptionLimit;

    public bool IsLiveAt(DateTimeOffset now) =>
        IsActive && (StartsAt is null || StartsAt <= now) && (EndsAt is null || now < EndsAt);

    public void Redeem() => RedemptionCount++;
}
