using Storefront.Data.Carts;
using Storefront.Data.Catalog;
using Storefront.Web.Carts;

namespace Storefront.Tests.Unit.Carts;

public sealed class CartRulesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void AQuantityBelowOne_IsRejected(int quantity)
    {
        var ex = Assert.Throws<CartRuleException>(() => CartRules.RequireValidQuantity(quantity));
        Assert.Equal("Quantity must be at least 1.", ex.Message);
    }

    [Fact]
    public void AQuantityAboveThePerLineMaximum_IsRejected()
    {
        var ex = Assert.Throws<CartRuleException>(() => CartRules.RequireValidQuantity(CartLimits.MaxQuantityPerLine + 1));
        Assert.Equal($"You can buy at most {CartLimits.MaxQuantityPerLine} of one item.", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(CartLimits.MaxQuantityPerLine)]
    public void QuantitiesFromOneToTheMaximum_AreAccepted(int quantity) => CartRules.RequireValidQuantity(quantity);

    [Fact]
    public void WantingMoreThanIsAvailable_SaysHowManyAreLeft()
    {
        var ex = Assert.Throws<CartRuleException>(() => CartRules.RequireInStock("Decaf", wantedInCart: 4, available: 3));
        Assert.Equal("Only 3 of Decaf left in stock.", ex.Message);
    }

    [Fact]
    public void WantingAnythingOfASoldOutProduct_SaysItIsOutOfStock()
    {
        var ex = Assert.Throws<CartRuleException>(() => CartRules.RequireInStock("Espresso Forte", wantedInCart: 1, available: 0));
        Assert.Equal("Espresso Forte is out of stock.", ex.Message);
    }

    [Fact]
    public void WantingExactlyWhatIsAvailable_IsAllowed_AndUntrackedProductsAreUnlimited()
    {
        CartRules.RequireInStock("Decaf", wantedInCart: 3, available: 3);
        CartRules.RequireInStock("Masterclass", wantedInCart: 10, available: null);
    }

    [Fact]
    public void AddOnsAndComplimentaryItems_CannotBeBoughtOnTheirOwn()
    {
        var giftWrap = new Product("gift-wrap", "Gift Wrap", "Add-ons", ProductKind.AddOn);
        var spoon = new Product("spoon", "Cupping Spoon", "Gifts", ProductKind.Physical);
        spoon.MarkComplimentary(true);

        Assert.Equal("Gift Wrap cannot be bought on its own.", Assert.Throws<CartRuleException>(() => CartRules.RequireSellable(giftWrap)).Message);
        Assert.Equal("Cupping Spoon cannot be bought on its own.", Assert.Throws<CartRuleException>(() => CartRules.RequireSellable(spoon)).Message);
    }

    [Fact]
    public void AnInactiveProduct_IsNoLongerSold()
    {
        var kettle = new Product("kettle", "Kettle", "Brewing", ProductKind.Physical);
        kettle.Deactivate();
        Assert.Equal("Kettle is no longer sold.", Assert.Throws<CartRuleException>(() => CartRules.RequireSellable(kettle)).Message);
    }

    [Fact]
    public void SubscriptionsInOneCart_ShareABillingInterval()
    {
        var ex = Assert.Throws<CartRuleException>(() =>
            CartRules.RequireOneBillingInterval([BillingInterval.None, BillingInterval.Month], BillingInterval.Year));
        Assert.Contains("monthly subscription", ex.Message);

        CartRules.RequireOneBillingInterval([BillingInterval.Month], BillingInterval.Month);
        CartRules.RequireOneBillingInterval([BillingInterval.Year], BillingInterval.None);
    }

    [Theory]
    [InlineData(2, 3, null, 5)]
    [InlineData(6, 7, null, CartLimits.MaxQuantityPerLine)]
    [InlineData(2, 3, 4, 4)]
    [InlineData(0, 3, 0, 0)]
    public void MergingCarts_AddsQuantities_WithinTheMaximumAndTheStock(int mine, int theirs, int? available, int expected) =>
        Assert.Equal(expected, CartRules.MergedQuantity(mine, theirs, available));
}
