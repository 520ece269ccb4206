namespace Storefront.Data.Checkouts;

public enum CheckoutMode
{
    Payment = 0,
    Subscription = 1,
}
