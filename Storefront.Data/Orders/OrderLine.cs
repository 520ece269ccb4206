using Storefront.Data.Catalog;

namespace Storefront.Data.Orders;

/// <summary>A line as sold: name and amounts are copied so later catalog edits never rewrite history.</summary>
public sealed class OrderLine
{
    private OrderLine()
    {
    }

    public OrderLine(int productId, string name, long unitAmount, int quantity, BillingInterval interval, long amountDiscount, long amountTax, long amountTotal)
    {
        ProductId = productId;
        Name = name;
        UnitAmount = unitAmount;
        Quantity = quantity;
        Interval = interval;
        AmountSubtotal = unitAmount * quantity;
        AmountDiscount = amountDiscount;
        AmountTax = amountTax;
        AmountTotal = amountTotal;
    }

    public long Id { get; private set; }

    public Guid OrderId { get; private set; }

    public int ProductId { get; private set; }

    public string Name { get; private set; } = "";

    public long UnitAmount { get; private set; }

    public int Quantity { get; private set; }

    public BillingInterval Interval { get; private set; }

    public long AmountSubtotal { get; private set; }

    public long AmountDiscount { get; private set; }

    public long AmountTax { get; private set; }

    public long AmountTotal { get; private set; }
}
