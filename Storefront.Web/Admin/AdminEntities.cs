using System.Globalization;
using Storefront.Data.Catalog;
using Storefront.Data.Inventory;
using Storefront.Data.Loyalty;
using Storefront.Data.Promotions;
using Storefront.Data.Shipping;
using Storefront.Data.Tax;

namespace Storefront.Web.Admin;

/// <summary>Audit names and flat snapshots of every row the Admin area edits.</summary>
public static class AdminEntities
{
    public static readonly AdminEntity<Product> Product = new(
        "Product", "product", p => Id(p.Id),
        p => new { p.Id, p.Slug, p.Name, p.Description, p.Category, p.Kind, p.ImageUrl, p.IsActive, p.IsComplimentary });

    public static readonly AdminEntity<Price> Price = new(
        "Price", "price", p => Id(p.Id),
        p => new { p.Id, p.ProductId, p.Currency, p.UnitAmount, p.Interval, p.LookupKey, p.IsActive });

    public static readonly AdminEntity<StockLevel> Stock = new(
        "StockLevel", "stock level", s => Id(s.ProductId),
        s => new { s.ProductId, s.OnHand });

    public static readonly AdminEntity<LoyaltyTier> Tier = new(
        "LoyaltyTier", "loyalty tier", t => Id(t.Id),
        t => new { t.Id, t.Name, t.MinimumLifetimeSpend, t.PercentOff, t.CapAmount, t.Currency });

    public static readonly AdminEntity<Promotion> Promotion = new(
        "Promotion", "promotion", p => Id(p.Id),
        p => new
        {
            p.Id, p.Name, p.Kind, p.DiscountType, p.PercentOff, p.AmountOff, p.Currency, p.CapAmount, p.Stackable, p.Priority,
            p.StartsAt, p.EndsAt, p.ThresholdAmount, p.Country, p.State, p.CustomerUserId, p.Code, p.RedemptionLimit,
            p.IsActive,
        });

    public static readonly AdminEntity<ShippingRate> Shipping = new(
        "ShippingRate", "shipping rate", r => Id(r.Id),
        r => new { r.Id, r.Name, r.Amount, r.Currency, r.DeliveryMinDays, r.DeliveryMaxDays, r.Countries, r.FreeOverAmount, r.IsActive });

    public static readonly AdminEntity<TaxRate> Tax = new(
        "TaxRate", "tax rate", r => Id(r.Id),
        r => new { r.Id, r.DisplayName, r.Country, r.State, r.Percentage, r.Inclusive, r.IsActive });

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
