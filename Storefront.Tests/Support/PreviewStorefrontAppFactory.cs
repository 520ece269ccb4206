namespace Storefront.Tests.Support;

/// <summary>The app with Stripe:DiscountUpdates=Preview: discounts go to Stripe as preview coupon_data.</summary>
public sealed class PreviewStorefrontAppFactory : StorefrontAppFactory
{
    protected override string? DiscountUpdates => "Preview";
}
