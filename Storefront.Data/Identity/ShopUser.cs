using Microsoft.AspNetCore.Identity;

namespace Storefront.Data.Identity;

public sealed class ShopUser : IdentityUser
{
    /// <summary>Sum of paid order totals in the shop's base currency, minor units; decides the loyalty tier.</summary>
    public long LifetimeSpend { get; private set; }

    public void AddSpend(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        LifetimeSpend += amount;
    }

    /// <summary>Set by an admin correcting an account, or by the seed.</summary>
    public void SetLifetimeSpend(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        LifetimeSpend = amount;
    }
}
