using Storefront.Web.Components;

namespace Storefront.Tests.Components;

public sealed class TierBadgeTests : BunitContext
{
    [Fact]
    public void AGoldMember_SeesTheirPerkAndTheWayToTheNextTier()
    {
        var badge = Render<TierBadge>(p => p
            .Add(c => c.TierName, "Gold")
            .Add(c => c.PercentOff, 10)
            .Add(c => c.CapAmount, 2500L)
            .Add(c => c.NextTierName, "Platinum")
            .Add(c => c.AmountToNextTier, 90000L)
            .Add(c => c.Currency, "usd"));

        Assert.Equal("Gold", badge.Find(".tier").GetAttribute("data-tier"));
        Assert.Equal("Gold member", badge.Find(".tier-name").TextContent.Trim());
        Assert.Equal("10 % off (up to $25.00)", badge.Find(".tier-perk").TextContent.Trim());
        Assert.Equal("Spend $900.00 more to reach Platinum.", badge.Find(".tier-next").TextContent.Trim());
    }

    [Fact]
    public void ATierWithoutACap_ShowsOnlyThePercentage()
    {
        var badge = Render<TierBadge>(p => p.Add(c => c.TierName, "Platinum").Add(c => c.PercentOff, 15));

        Assert.Equal("15 % off", badge.Find(".tier-perk").TextContent.Trim());
        Assert.Empty(badge.FindAll(".tier-next"));
    }

    [Fact]
    public void ACustomerWithoutATier_IsToldSo_AndGetsNoPerk()
    {
        var badge = Render<TierBadge>(p => p.Add(c => c.TierName, null));

        Assert.Equal("none", badge.Find(".tier").GetAttribute("data-tier"));
        Assert.Equal("No tier yet", badge.Find(".tier-name").TextContent.Trim());
        Assert.Empty(badge.FindAll(".tier-perk"));
    }
}
