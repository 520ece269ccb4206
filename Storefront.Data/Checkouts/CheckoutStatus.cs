namespace Storefront.Data.Checkouts;

public enum CheckoutStatus
{
    Open = 0,
    Complete = 1,
    Expired = 2,
}
