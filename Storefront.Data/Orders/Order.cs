namespace Storefront.Data.Orders;

/// <summary>A paid checkout, built from the server-side checkout when Stripe reports completion, never from client data.</summary>
public sealed class Order
{
    private readonly List<OrderLine> lines = new();

    private Order()
    {
    }

    public Order(Guid checkoutId, string stripeSessionId, string? userId, string email, string currency, OrderTotals totals, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        Number = $"SF-{now:yyyyMMdd}-{Id.ToString("N")[..6].ToUpperInvariant()}";
        CheckoutId = checkoutId;
        StripeSessionId = stripeSessionId;
        UserId = userId;
        Email = email;
        Currency = currency.ToLowerInvariant();
        Subtotal = totals.Subtotal;
        Discount = totals.Discount;
        Shipping = totals.Shipping;
        Tax = totals.Tax;
        Total = totals.Total;
        CreatedAt = now;
        Status = OrderStatus.Paid;
    }

    public Guid Id { get; private set; }

    public string Number { get; private set; } = "";

    public Guid CheckoutId { get; private set; }

    public string StripeSessionId { get; private set; } = "";

    public string? PaymentIntentId { get; private set; }

    public string? SubscriptionId { get; private set; }

    public string? UserId { get; private set; }

    public string Email { get; private set; } = "";

    public string Currency { get; private set; } = "usd";

    public long Subtotal { get; private set; }

    public long Discount { get; private set; }

    public string? DiscountName { get; private set; }

    public long Shipping { get; private set; }

    public string? ShippingName { get; private set; }

    public long Tax { get; private set; }

    public long Total { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<OrderLine> Lines => lines;

    public void AddLine(OrderLine line) => lines.Add(line);

    public void Describe(string? discountName, string? shippingName)
    {
        DiscountName = discountName;
        ShippingName = shippingName;
    }

    public void LinkPayment(string? paymentIntentId, string? subscriptionId)
    {
        PaymentIntentId = paymentIntentId;
        SubscriptionId = subscriptionId;
    }

    public void SetStatus(OrderStatus status) => Status = status;

    /// <summary>Shown instead of the address of a customer who deleted their account.</summary>
    public const string ErasedEmail = "erased@customer.invalid";

    /// <summary>
    /// The customer deleted their account: the order stays as a financial record (lines, totals, tax, Stripe ids)
    /// but no longer names them.
    /// </summary>
    public void ForgetCustomer()
    {
        UserId = null;
        Email = ErasedEmail;
    }
}

public readonly record struct OrderTotals(long Subtotal, long Discount, long Shipping, long Tax, long Total);
