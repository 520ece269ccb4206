namespace Storefront.Data.Checkouts;

public enum CheckoutLineKind
{
    Product = 0,
    AddOn = 1,
    Complimentary = 2,
}
