namespace Storefront.Data.Promotions;

public enum DiscountType
{
    Percent = 0,
    Amount = 1,
}
