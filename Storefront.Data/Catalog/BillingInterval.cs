namespace Storefront.Data.Catalog;

public enum BillingInterval
{
    None = 0,
    Month = 1,
    Year = 2,
}
