namespace Storefront.Data.Checkouts;

public sealed class CheckoutLine
{
    private CheckoutLine()
    {
    }

    internal CheckoutLine(int productId, int priceId, int quantity, CheckoutLineKind kind, int position)
    {
        ProductId = productId;
        ChangePrice(priceId);
        ChangeQuantity(quantity);
        Kind = kind;
        Position = position;
    }

    public long Id { get; private set; }

    public Guid CheckoutId { get; private set; }

    public int ProductId { get; private set; }

    public int PriceId { get; private set; }

    public int Quantity { get; private set; }

    public CheckoutLineKind Kind { get; private set; }

    /// <summary>Order of the line in the Stripe session.</summary>
    public int Position { get; private set; }

    /// <summary>Stripe's li_ id once the session holds the line; kept so unchanged lines keep their id on update.</summary>
    public string? StripeLineItemId { get; private set; }

    /// <summary>The Stripe tax rate last sent for this line, so an update only resends tax rates that changed.</summary>
    public string? StripeTaxRateId { get; private set; }

    public void LinkStripeTaxRate(string? taxRateId) => StripeTaxRateId = taxRateId;

    public void ChangeQuantity(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Quantity = quantity;
    }

    public void ChangePrice(int priceId)
    {
        if (priceId != PriceId)
        {
            PriceId = priceId;
            StripeLineItemId = null;
        }
    }

    public void LinkStripeLineItem(string? lineItemId) => StripeLineItemId = lineItemId;

    internal void MoveTo(int position) => Position = position;
}
