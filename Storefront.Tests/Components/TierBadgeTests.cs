using Storefront.Tests.Components.Infrastructure;
using Storefront.Web.Components;

namespace Storefront.Tests.Components;

public sealed class TierBadgeTests
{
    [Fact]
    public async Task AGoldMember_SeesTheirPerkAndTheWayToTheNextTier()
    {
        var doc = await ComponentRenderer.RenderAsync<TierBadge>(new Dictionary<string, object?>
        {
            [nameof(TierBadge.TierName)] = "Gold",
            [nameof(TierBadge.PercentOff)] = 10,
            [nameof(TierBadge.CapAmount)] = 2500L,
            [nameof(TierBadge.NextTierName)] = "Platinum",
            [nameof(TierBadge.AmountToNextTier)] = 90000L,
            [nameof(TierBadge.Currency)] = "usd",
        });

        Assert.Equal("Gold", doc.QuerySelector(".tier")!.GetAttribute("data-tier"));
        Assert.Equal("Gold member", doc.Text(".tier-name"));
        Assert.Equal("10 % off (up to $25.00)", doc.Text(".tier-perk"));
        Assert.Equal("Spend $900.00 more to reach Platinum.", doc.Text(".tier-next"));
    }

    [Fact]
    public async Task ACustomerWithoutATier_IsToldSo_AndGetsNoPerk()
    {
        var doc = await ComponentRenderer.RenderAsync<TierBadge>(new Dictionary<string, object?> { [nameof(TierBadge.TierName)] = null });

        Assert.Equal("none", doc.QuerySelector(".tier")!.GetAttribute("data-tier"));
        Assert.Equal("No tier yet", doc.Text(".tier-name"));
        Assert.Null(doc.QuerySelector(".tier-perk"));
    }
}
