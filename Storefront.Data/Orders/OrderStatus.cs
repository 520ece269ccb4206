namespace Storefront.Data.Orders;

public enum OrderStatus
{
    /// <summary>Stripe confirmed the payment (or no payment was required).</summary>
    Paid = 0,

    /// <summary>An asynchronous payment method has not settled yet.</summary>
    Processing = 1,

    /// <summary>An asynchronous payment failed after the session completed.</summary>
    PaymentFailed = 2,
}
