namespace Storefront.Web.Pricing;

/// <summary>Integer money arithmetic for discounts: percentages round half away from zero, then caps apply.</summary>
public static class DiscountMath
{
    /// <summary>round(amount × percent / 100), half away from zero, in whole minor units.</summary>
    public static long PercentOf(long amount, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var product = checked(amount * percent);
        var quotient = product / 100;
        var remainder = product % 100;
        return remainder >= 50 ? quotient + 1 : quotient;
    }

    /// <summary>A percent discount on the eligible subtotal, capped; never above the eligible subtotal.</summary>
    public static long PercentOff(long eligibleSubtotal, int percent, long? cap)
    {
        var amount = PercentOf(eligibleSubtotal, percent);
        if (cap is { } c && amount > c)
        {
            amount = c;
        }

        return Math.Min(amount, eligibleSubtotal);
    }

    /// <summary>An amount-off discount: min(amount, eligible subtotal), then capped.</summary>
    public static long AmountOff(long eligibleSubtotal, long amount, long? cap)
    {
        var result = Math.Min(amount, eligibleSubtotal);
        return cap is { } c && result > c ? c : result;
    }
}
