using Storefront.Tests.Support;

namespace Storefront.Tests.E2E.Infrastructure;

/// <summary>
/// An app with <c>Stripe:DiscountUpdates=Preview</c>: the server sends its discount to Stripe as the preview coupon, so
/// Stripe's session carries the discount itself. The default app (the "e2e" collection) runs LinePrices, where the
/// discount is spread into the line prices and only the page names it.
/// </summary>
public sealed class PreviewE2EFixture : BrowserAppFixture
{
    protected override StorefrontAppFactory CreateApp() => new PreviewKestrelStorefrontAppFactory();

    private sealed class PreviewKestrelStorefrontAppFactory() : StorefrontAppFactory(useKestrel: true)
    {
        protected override string? DiscountUpdates => "Preview";
    }
}

[CollectionDefinition(Name)]
public sealed class PreviewE2ECollection : ICollectionFixture<PreviewE2EFixture>
{
    public const string Name = "e2e-preview";
}
