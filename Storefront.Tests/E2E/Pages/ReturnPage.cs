using Microsoft.Playwright;

namespace Storefront.Tests.E2E.Pages;

/// <summary>"/checkout/return": the outcome of a payment (refreshes itself while the order is being created).</summary>
public sealed class ReturnPage(IPage page)
{
    public ILocator Paid => page.Locator("[data-state='paid']");

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator OrderNumber => page.Locator(".order-number");

    public ILocator OrderTotal => page.Locator(".order-total");
}
