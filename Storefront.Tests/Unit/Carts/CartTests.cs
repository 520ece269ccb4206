using Storefront.Data.Carts;

namespace Storefront.Tests.Unit.Carts;

public sealed class CartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddingThePriceAgain_RaisesTheQuantityOfTheSameLine()
    {
        var cart = new Cart("visitor:abc", Now);
        cart.Add(productId: 1, priceId: 10, quantity: 2, Now);
        cart.Add(productId: 1, priceId: 10, quantity: 3, Now.AddMinutes(1));

        var line = Assert.Single(cart.Lines);
        Assert.Equal(5, line.Quantity);
        Assert.Equal(Now.AddMinutes(1), cart.UpdatedAt);
    }

    [Fact]
    public void AnotherPriceOfTheSameProduct_IsAnotherLine()
    {
        var cart = new Cart("visitor:abc", Now);
        cart.Add(1, 10, 1, Now);
        cart.Add(1, 11, 1, Now);
        Assert.Equal(2, cart.Lines.Count);
    }

    [Fact]
    public void ALineCannotGoPastThePerLineMaximum_AndIsLeftAsItWas()
    {
        var cart = new Cart("visitor:abc", Now);
        cart.Add(1, 10, CartLimits.MaxQuantityPerLine, Now);
        Assert.Throws<CartRuleException>(() => cart.Add(1, 10, 1, Now));
        Assert.Equal(CartLimits.MaxQuantityPerLine, cart.Lines[0].Quantity);
    }

    [Fact]
    public void ACartHoldsALimitedNumberOfDifferentItems()
    {
        var cart = new Cart("visitor:abc", Now);
        for (var i = 0; i < CartLimits.MaxLines; i++)
        {
            cart.Add(i, i, 1, Now);
        }

        var ex = Assert.Throws<CartRuleException>(() => cart.Add(999, 999, 1, Now));
        Assert.Equal($"A cart holds at most {CartLimits.MaxLines} different items.", ex.Message);
        Assert.Equal(CartLimits.MaxLines, cart.Lines.Count);
    }

    [Fact]
    public void ChangingOrRemovingALineThatIsNotInTheCart_IsARuleViolation()
    {
        var cart = new Cart("visitor:abc", Now);
        Assert.Throws<CartRuleException>(() => cart.SetQuantity(42, 1, Now));
        Assert.Throws<CartRuleException>(() => cart.Remove(42, Now));
    }
}
