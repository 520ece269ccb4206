namespace Storefront.Data.Catalog;

public enum ProductKind
{
    Physical = 0,
    Digital = 1,
    Subscription = 2,
    AddOn = 3,
}
