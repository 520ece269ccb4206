using Storefront.Data.Catalog;

namespace Storefront.Data.Inventory;

/// <summary>Units on the shelf for a physical product. Products without a row are not stock-tracked.</summary>
public sealed class StockLevel : IVersioned
{
    private StockLevel()
    {
    }

    public StockLevel(int productId, int onHand)
    {
        ProductId = productId;
        SetOnHand(onHand);
    }

    public int ProductId { get; private set; }

    public Product Product { get; private set; } = null!;

    public int OnHand { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public void SetOnHand(int onHand)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        OnHand = onHand;
    }

    public void Adjust(int delta) => SetOnHand(OnHand + delta);
}
