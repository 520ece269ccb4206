namespace Storefront.Data.Inventory;

/// <summary>Units reserved for an open checkout until it completes or expires.</summary>
public sealed class InventoryHold
{
    private InventoryHold()
    {
    }

    public InventoryHold(int productId, Guid checkoutId, int quantity, DateTimeOffset expiresAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        ProductId = productId;
        CheckoutId = checkoutId;
        Quantity = quantity;
        ExpiresAt = expiresAt;
    }

    public long Id { get; private set; }

    public int ProductId { get; private set; }

    public Guid CheckoutId { get; private set; }

    public int Quantity { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt > now;
}
