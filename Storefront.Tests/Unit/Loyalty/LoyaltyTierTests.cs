using Storefront.Data.Loyalty;
using Storefront.Web.Loyalty;

namespace Storefront.Tests.Unit.Loyalty;

public sealed class LoyaltyTierTests
{
    private static readonly LoyaltyTier[] Tiers =
    [
        new("Silver", 20000, 5, 1000, "usd"),
        new("Gold", 50000, 10, 2500, "usd"),
        new("Platinum", 150000, 15, 5000, "usd"),
    ];

    [Theory]
    [InlineData(0, null)]
    [InlineData(19999, null)]
    [InlineData(20000, "Silver")]
    [InlineData(49999, "Silver")]
    [InlineData(50000, "Gold")]
    [InlineData(60000, "Gold")]
    [InlineData(1000000, "Platinum")]
    public void ACustomerIsInTheHighestTierTheirLifetimeSpendReaches(long lifetimeSpend, string? expectedTier) =>
        Assert.Equal(expectedTier, LoyaltyTiers.TierFor(lifetimeSpend, Tiers)?.Name);

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void ATierPercentIsBetweenZeroAndOneHundred(int percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoyaltyTier("X", 0, percent, null, "usd"));
}
