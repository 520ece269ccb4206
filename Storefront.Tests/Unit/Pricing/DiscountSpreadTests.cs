using Storefront.Web.Pricing;

namespace Storefront.Tests.Unit.Pricing;

public sealed class DiscountSpreadTests
{
    [Fact]
    public void DiscountSpread_SumsToTheDiscount_AndBreaksTiesByLineOrder()
    {
        // 10 over three equal lines: 3.33 each; the one unit left goes to the first line.
        Assert.Equal([4L, 3L, 3L], DiscountSpread.Allocate(10, [100, 100, 100]));

        // 2 over three equal lines: the first two get one each.
        Assert.Equal([1L, 1L, 0L], DiscountSpread.Allocate(2, [1, 1, 1]));
    }

    [Fact]
    public void DiscountSpread_IsProportionalToTheSubtotals()
    {
        Assert.Equal([590L, 480L], DiscountSpread.Allocate(1070, [5900, 4800]));
        Assert.Equal([1000L, 0L, 3000L], DiscountSpread.Allocate(4000, [2500, 0, 7500]));
    }

    [Fact]
    public void DiscountSpread_GivesLeftoverUnitsToTheLargestRemainders()
    {
        // 5 over [3, 3, 4]: exact shares 1.5, 1.5, 2.0; floors add up to 4; the tie at .5 goes to line 0.
        Assert.Equal([2L, 1L, 2L], DiscountSpread.Allocate(5, [3, 3, 4]));

        // 1100 over [9999, 1001]: 999.9 and 100.1; the leftover goes to the .9.
        Assert.Equal([1000L, 100L], DiscountSpread.Allocate(1100, [9999, 1001]));
    }

    [Fact]
    public void DiscountSpread_GivesZeroLinesNothing()
    {
        Assert.Equal([0L, 3L, 0L], DiscountSpread.Allocate(3, [0, 7, 0]));
    }

    [Fact]
    public void DiscountSpread_OfNothing_IsAllZeros()
    {
        Assert.Equal([0L, 0L], DiscountSpread.Allocate(0, [5, 7]));
        Assert.Empty(DiscountSpread.Allocate(0, []));
    }

    [Fact]
    public void DiscountSpread_HandlesHugeAmountsWithoutOverflow()
    {
        const long big = 3_000_000_000_000_000;
        var shares = DiscountSpread.Allocate(big - 1, [big / 3, big / 3, big / 3]);

        Assert.Equal(big - 1, shares.Sum());
    }

    [Fact]
    public void ADiscountLargerThanTheSubtotals_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscountSpread.Allocate(11, [5, 5]));

    [Fact]
    public void DiscountSpread_AlwaysSumsToTheDiscount_AndStaysWithinEachLine()
    {
        var random = new Random(20261121);
        for (var run = 0; run < 500; run++)
        {
            var subtotals = Enumerable.Range(0, random.Next(1, 12)).Select(_ => (long)random.Next(0, 50000)).ToArray();
            var total = subtotals.Sum();
            var discount = total == 0 ? 0 : random.NextInt64(0, total + 1);

            var shares = DiscountSpread.Allocate(discount, subtotals);

            Assert.Equal(discount, shares.Sum());
            for (var i = 0; i < shares.Length; i++)
            {
                Assert.InRange(shares[i], 0, subtotals[i]);

                // Never more than one unit away from the exact proportional share.
                var exact = total == 0 ? 0m : (decimal)discount * subtotals[i] / total;
                Assert.InRange(shares[i], Math.Floor(exact), Math.Floor(exact) + 1);
            }
        }
    }
}
