using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;

namespace Storefront.Web.Pricing;

/// <summary>
/// Everything the engine needs to price one cart at one moment. Built by the checkout from the server-side cart and
/// catalog prices read from the database; nothing here comes from the browser except quantities and choices.
/// </summary>
/// <param name="Currency">Lower-case ISO code; every line is priced in it.</param>
/// <param name="Lines">The cart lines in session order.</param>
/// <param name="Customer">Who is buying (anonymous shoppers have no user id).</param>
/// <param name="ShippingAddress">Collected by Stripe; null until the shopper has entered one.</param>
/// <param name="PromotionCode">The code the shopper entered, or null.</param>
/// <param name="SelectedShippingRateId">The shipping rate the shopper picked, or null for the default (cheapest).</param>
/// <param name="Now">The current time, from <see cref="TimeProvider"/>.</param>
public sealed record PricingRequest(
    string Currency,
    IReadOnlyList<PricingLine> Lines,
    CustomerContext Customer,
    ShippingAddress? ShippingAddress,
    string? PromotionCode,
    int? SelectedShippingRateId,
    DateTimeOffset Now);

/// <summary>One cart line with the catalog price it is sold at.</summary>
/// <param name="Key">Stable key of the line (the checkout line id or position), echoed on the quote line.</param>
/// <param name="UnitAmount">Minor units, from the catalog price.</param>
public sealed record PricingLine(
    string Key,
    int ProductId,
    string ProductName,
    ProductKind ProductKind,
    int PriceId,
    long UnitAmount,
    BillingInterval Interval,
    int Quantity,
    CheckoutLineKind Kind,
    bool TracksStock)
{
    /// <summary>Physical goods need a shipping address and a shipping option.</summary>
    public bool IsShipped => ProductKind == ProductKind.Physical;
}

/// <param name="UserId">The signed-in customer's id, or null for a guest.</param>
/// <param name="LifetimeSpend">Minor units spent on past orders; decides the loyalty tier.</param>
public sealed record CustomerContext(string? UserId, long LifetimeSpend, string? Email)
{
    public static CustomerContext Guest { get; } = new(null, 0, null);

    public bool IsSignedIn => UserId is not null;
}

/// <summary>The parts of the shipping address pricing cares about. Country is an ISO 3166-1 alpha-2 code.</summary>
public sealed record ShippingAddress(string Country, string? State, string? PostalCode);
