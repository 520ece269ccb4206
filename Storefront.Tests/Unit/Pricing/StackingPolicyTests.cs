using Storefront.Web.Pricing;

namespace Storefront.Tests.Unit.Pricing;

public sealed class StackingPolicyTests
{
    private static DiscountCandidate Stackable(string name, long amount, int priority, int id = 0) =>
        new(AdjustmentReason.CartThreshold, name, amount, true, priority, id);

    private static DiscountCandidate Exclusive(string name, long amount, int priority, int id = 0) =>
        new(AdjustmentReason.PromoCode, name, amount, false, priority, id);

    private static (long Total, List<DiscountCandidate> Applied) Resolve(long eligible, params DiscountCandidate[] candidates)
    {
        var applied = new List<DiscountCandidate>();
        var total = StackingPolicy.Resolve([.. candidates], eligible, applied);
        return (total, applied);
    }

    [Fact]
    public void StackableCandidates_AllAddUp_InPriorityOrder()
    {
        var (total, applied) = Resolve(10000, Stackable("B", 300, 20), Stackable("A", 500, 10));

        Assert.Equal(800, total);
        Assert.Equal(["A", "B"], applied.Select(c => c.Name));
    }

    [Fact]
    public void ExclusivePromotionsCompeteWithTheSumOfStackables()
    {
        // Stackables add up to 8.00; the best exclusive (9.00) beats them and applies alone.
        var (total, applied) = Resolve(10000,
            Stackable("A", 500, 10), Stackable("B", 300, 20), Exclusive("X", 700, 5), Exclusive("Y", 900, 30));

        Assert.Equal(900, total);
        Assert.Equal("Y", Assert.Single(applied).Name);

        // A smaller exclusive loses to the stackables.
        (total, applied) = Resolve(10000, Stackable("A", 500, 10), Stackable("B", 300, 20), Exclusive("X", 700, 5));
        Assert.Equal(800, total);
        Assert.Equal(["A", "B"], applied.Select(c => c.Name));
    }

    [Fact]
    public void ATieBetweenAnExclusiveAndTheStackables_GoesToTheStackables()
    {
        var (total, applied) = Resolve(10000, Stackable("A", 500, 10), Stackable("B", 400, 20), Exclusive("X", 900, 1));

        Assert.Equal(900, total);
        Assert.Equal(["A", "B"], applied.Select(c => c.Name));
    }

    [Fact]
    public void ATieBetweenExclusives_GoesToTheLowerPriority()
    {
        var (_, applied) = Resolve(10000, Exclusive("Later", 700, 9), Exclusive("Sooner", 700, 1));

        Assert.Equal("Sooner", Assert.Single(applied).Name);
    }

    [Fact]
    public void WithinAPriority_TheLargerCandidateComesFirst()
    {
        var (_, applied) = Resolve(10000, Stackable("Small", 100, 5), Stackable("Large", 200, 5));

        Assert.Equal(["Large", "Small"], applied.Select(c => c.Name));
    }

    [Fact]
    public void TheTotal_NeverExceedsTheEligibleSubtotal_TrimmingTheLastStackables()
    {
        var (total, applied) = Resolve(600, Stackable("A", 500, 10), Stackable("B", 300, 20), Stackable("C", 50, 30));

        Assert.Equal(600, total);
        Assert.Equal([500L, 100L], applied.Select(c => c.Amount));
    }

    [Fact]
    public void NoCandidates_NoDiscount()
    {
        var (total, applied) = Resolve(600);

        Assert.Equal(0, total);
        Assert.Empty(applied);
    }

    [Fact]
    public void TheComposedName_JoinsTheAppliedNames()
    {
        Assert.Equal("Gold member 10 % + Spend 100, save 10 %",
            StackingPolicy.ComposeName([Stackable("Gold member 10 %", 1, 0), Stackable("Spend 100, save 10 %", 1, 20)]));
    }

    [Fact]
    public void TheComposedName_IsCutToStripes40Characters_WithAnEllipsis()
    {
        var name = StackingPolicy.ComposeName(
            [Stackable("Platinum member 15 %", 1, 0), Stackable("Spend 100, save 10 %", 1, 20), Stackable("Canada launch", 1, 50)]);

        Assert.Equal("Platinum member 15 % + Spend 100, save…", name);
        Assert.True(name.Length <= SessionDiscount.MaxNameLength);
    }

    [Fact]
    public void ALongSingleName_IsCutToo()
    {
        var name = StackingPolicy.ComposeName([Stackable(new string('x', 60), 1, 0)]);

        Assert.Equal(new string('x', 39) + "…", name);
    }
}
