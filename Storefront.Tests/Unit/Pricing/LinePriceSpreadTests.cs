using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Web.Checkout;
using Storefront.Web.Pricing;

namespace Storefront.Tests.Unit.Pricing;

public sealed class LinePriceSpreadTests
{
    private static QuoteLine Line(long unitAmount, int quantity, long discount, string name = "Mug") =>
        new("k", 1, 1, name, ProductKind.Physical, BillingInterval.None, CheckoutLineKind.Product, false,
            unitAmount, quantity, unitAmount * quantity, discount, 0, null, (unitAmount * quantity) - discount);

    [Fact]
    public void AnUndiscountedLine_GoesAtItsListPrice()
    {
        Assert.Equal(new SpreadLine(1200, 3, AtListPrice: true, Folded: false), LinePriceSpread.For(Line(1200, 3, 0)));
    }

    [Fact]
    public void ADiscountThatDividesByTheQuantity_LowersTheUnitAmount()
    {
        var sent = LinePriceSpread.For(Line(1200, 3, 300));

        Assert.Equal(new SpreadLine(1100, 3, AtListPrice: false, Folded: false), sent);
        Assert.Equal(3300, sent.Total);
    }

    [Fact]
    public void ARemainderThatDoesNotDivide_FoldsTheLineIntoOneUnit()
    {
        var line = Line(1200, 3, 301);
        var sent = LinePriceSpread.For(line);

        Assert.Equal(new SpreadLine(3299, 1, AtListPrice: false, Folded: true), sent);
        Assert.Equal(line.Subtotal - line.Discount, sent.Total);
        Assert.Equal("3 × Mug", LinePriceSpread.FoldedName(line));
    }

    [Fact]
    public void AFullyDiscountedLine_GoesAtZero()
    {
        Assert.Equal(new SpreadLine(0, 2, AtListPrice: false, Folded: false), LinePriceSpread.For(Line(500, 2, 1000)));
    }

    [Fact]
    public void ASingleUnit_NeverFolds()
    {
        Assert.Equal(new SpreadLine(1, 1, AtListPrice: false, Folded: false), LinePriceSpread.For(Line(999, 1, 998)));
    }

    [Fact]
    public void ADiscountAboveTheSubtotal_IsABug()
    {
        Assert.Throws<ArgumentException>(() => LinePriceSpread.For(Line(100, 1, 101)));
    }

    [Fact]
    public void SpreadLines_AddUpToTheQuotesDiscountedSubtotal_ForEveryRemainder()
    {
        var random = new Random(7);
        for (var run = 0; run < 500; run++)
        {
            var subtotals = Enumerable.Range(0, random.Next(1, 6)).Select(_ => (Unit: (long)random.Next(1, 5000), Qty: random.Next(1, 9))).ToList();
            var total = subtotals.Sum(s => s.Unit * s.Qty);
            var discount = (long)random.Next(0, (int)total + 1);
            var shares = DiscountSpread.Allocate(discount, subtotals.Select(s => s.Unit * s.Qty).ToList());
            var sent = subtotals.Select((s, i) => LinePriceSpread.For(Line(s.Unit, s.Qty, shares[i]))).ToList();

            Assert.Equal(total - discount, sent.Sum(s => s.Total));
            Assert.All(sent, s => Assert.True(s.UnitAmount >= 0 && (s.Folded ? s.Quantity == 1 : true)));
        }
    }
}
