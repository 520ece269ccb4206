using Storefront.Web.Pricing;

namespace Storefront.Tests.Unit.Pricing;

public sealed class LineItemDiffTests
{
    private static readonly ExistingLineItem Beans = new("li_beans", "price_beans", 2);
    private static readonly ExistingLineItem Monthly = new("li_sub", "price_sub_month", 1);
    private static readonly ExistingLineItem Wrap = new("li_wrap", "price_wrap", 1);

    [Fact]
    public void UnchangedLines_KeepTheirIds()
    {
        var diff = LineItemDiff.Compute([Beans, Wrap], [new("price_beans", 2), new("price_wrap", 1)]);

        Assert.Equal<LineItemChange>([new LineItemChange.Keep("li_beans"), new LineItemChange.Keep("li_wrap")], diff);
    }

    [Fact]
    public void ANewQuantity_ChangesTheLineInPlace()
    {
        var diff = LineItemDiff.Compute([Beans, Wrap], [new("price_beans", 3), new("price_wrap", 1)]);

        Assert.Equal<LineItemChange>([new LineItemChange.Change("li_beans", 3), new LineItemChange.Keep("li_wrap")], diff);
    }

    [Fact]
    public void SwitchingToYearly_RemovesTheMonthlyLine_AndAddsAYearlyOne()
    {
        var diff = LineItemDiff.Compute([Monthly, Wrap], [new("price_sub_year", 1), new("price_wrap", 1)]);

        Assert.Equal<LineItemChange>([new LineItemChange.Add("price_sub_year", 1), new LineItemChange.Keep("li_wrap")], diff);
    }

    [Fact]
    public void RemovedLines_AreLeftOut_AndNewLinesAdded()
    {
        var diff = LineItemDiff.Compute([Beans, Wrap], [new("price_beans", 2), new("price_spoon", 1)]);

        Assert.Equal<LineItemChange>([new LineItemChange.Keep("li_beans"), new LineItemChange.Add("price_spoon", 1)], diff);
    }

    [Fact]
    public void TheNewArray_FollowsTheQuotesOrder()
    {
        var diff = LineItemDiff.Compute([Beans, Monthly, Wrap], [new("price_wrap", 1), new("price_beans", 2), new("price_sub_month", 1)]);

        Assert.Equal<LineItemChange>(
            [new LineItemChange.Keep("li_wrap"), new LineItemChange.Keep("li_beans"), new LineItemChange.Keep("li_sub")], diff);
    }

    [Fact]
    public void TwoLinesWithOnePrice_AreMatchedInOrder()
    {
        var diff = LineItemDiff.Compute(
            [new("li_a", "price_x", 1), new("li_b", "price_x", 2)],
            [new("price_x", 2), new("price_x", 1), new("price_x", 5)]);

        Assert.Equal<LineItemChange>(
            [new LineItemChange.Change("li_a", 2), new LineItemChange.Change("li_b", 1), new LineItemChange.Add("price_x", 5)], diff);
    }

    [Fact]
    public void AnEmptyQuote_RemovesEverything() => Assert.Empty(LineItemDiff.Compute([Beans], []));
}
