namespace Storefront.Data.Carts;

public sealed class CartLine
{
    private CartLine()
    {
    }

    internal CartLine(int productId, int priceId, int quantity)
    {
        ProductId = productId;
        PriceId = priceId;
        SetQuantity(quantity);
    }

    public long Id { get; private set; }

    public Guid CartId { get; private set; }

    public int ProductId { get; private set; }

    public int PriceId { get; private set; }

    public int Quantity { get; private set; }

    internal void SetQuantity(int quantity)
    {
        if (quantity < 1)
        {
            throw new CartRuleException("Quantity must be at least 1.");
        }

        if (quantity > CartLimits.MaxQuantityPerLine)
        {
            throw new CartRuleException($"You can buy at most {CartLimits.MaxQuantityPerLine} of one item.");
        }

        Quantity = quantity;
    }
}
