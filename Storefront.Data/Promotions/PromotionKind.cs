namespace Storefront.Data.Promotions;

public enum PromotionKind
{
    /// <summary>Applies when the cart subtotal reaches a threshold.</summary>
    CartThreshold = 0,

    /// <summary>Applies to every cart while the active window is open.</summary>
    TimeWindow = 1,

    /// <summary>Applies when the shipping address is in a country (and optionally a state).</summary>
    Region = 2,

    /// <summary>Applies to one customer only.</summary>
    CustomerSpecific = 3,

    /// <summary>Applies when the shopper enters the code.</summary>
    Code = 4,
}
