using Storefront.Data.Catalog;

namespace Storefront.Web.Carts;

/// <summary>A cart as the pages show it, priced from the database at read time.</summary>
public sealed record CartView(IReadOnlyList<CartLineView> Lines, string Currency)
{
    public long Subtotal => Lines.Sum(l => l.LineTotal);

    public int ItemCount => Lines.Sum(l => l.Quantity);

    public bool IsEmpty => Lines.Count == 0;

    public bool HasSubscription => Lines.Any(l => l.Interval != BillingInterval.None);

    public static CartView Empty(string currency) => new([], currency);
}

public sealed record CartLineView(
    long LineId,
    int ProductId,
    int PriceId,
    string Slug,
    string Name,
    string? ImageUrl,
    long UnitAmount,
    string Currency,
    BillingInterval Interval,
    int Quantity,
    int? Available)
{
    public long LineTotal => UnitAmount * Quantity;
}
