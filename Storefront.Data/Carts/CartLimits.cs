namespace Storefront.Data.Carts;

/// <summary>Hard limits every cart obeys, whatever the stock. They also bound what a Stripe session can hold.</summary>
public static class CartLimits
{
    public const int MaxQuantityPerLine = 10;

    public const int MaxLines = 20;
}
