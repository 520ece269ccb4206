namespace Storefront.Web.Pricing;

/// <summary>One step of the pricing pipeline. Rules run in ascending <see cref="Order"/>.</summary>
public interface IPricingRule
{
    int Order { get; }

    void Apply(PricingContext context);
}

/// <summary>Where each built-in rule sits in the pipeline; custom rules slot in between.</summary>
public static class PricingStage
{
    public const int BaseLines = 100;
    public const int LoyaltyTier = 200;
    public const int CartThreshold = 210;
    public const int TimeWindow = 220;
    public const int Region = 230;
    public const int CustomerSpecific = 240;
    public const int PromoCode = 250;
    public const int Stacking = 300;
    public const int Complimentary = 400;
    public const int Shipping = 500;
    public const int DiscountSpread = 600;
    public const int Tax = 700;
}
