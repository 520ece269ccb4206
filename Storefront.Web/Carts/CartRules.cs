using Storefront.Data.Carts;
using Storefront.Data.Catalog;

namespace Storefront.Web.Carts;

/// <summary>
/// The rules a cart change must pass, as pure functions so they read (and test) like the shop's policy.
/// Each throws <see cref="CartRuleException"/> with a message meant for the shopper.
/// </summary>
public static class CartRules
{
    public static void RequireValidQuantity(int quantity)
    {
        if (quantity < 1)
        {
            throw new CartRuleException("Quantity must be at least 1.");
        }

        if (quantity > CartLimits.MaxQuantityPerLine)
        {
            throw new CartRuleException($"You can buy at most {CartLimits.MaxQuantityPerLine} of one item.");
        }
    }

    /// <summary>Only catalog items are bought from the cart: add-ons are offered at checkout, gifts are given.</summary>
    public static void RequireSellable(Product product)
    {
        if (!product.IsActive)
        {
            throw new CartRuleException($"{product.Name} is no longer sold.");
        }

        if (product.Kind == ProductKind.AddOn || product.IsComplimentary)
        {
            throw new CartRuleException($"{product.Name} cannot be bought on its own.");
        }
    }

    /// <param name="available">Units available now, or null when the product is not stock-tracked.</param>
    public static void RequireInStock(string productName, int wantedInCart, int? available)
    {
        if (available is null || wantedInCart <= available)
        {
            return;
        }

        throw new CartRuleException(available <= 0
            ? $"{productName} is out of stock."
            : $"Only {available} of {productName} left in stock.");
    }

    /// <summary>A subscription is billed on one schedule, so all recurring lines share an interval.</summary>
    public static void RequireOneBillingInterval(IEnumerable<BillingInterval> intervalsInCart, BillingInterval adding)
    {
        if (adding == BillingInterval.None)
        {
            return;
        }

        var other = intervalsInCart.FirstOrDefault(i => i != BillingInterval.None && i != adding);
        if (other != BillingInterval.None)
        {
            throw new CartRuleException(
                $"Your cart already holds a {Describe(other)} subscription; subscriptions in one order share a billing interval.");
        }
    }

    /// <summary>The quantity a merged line ends up with: both carts' units, within the per-line maximum and stock.</summary>
    public static int MergedQuantity(int mine, int theirs, int? available)
    {
        var merged = Math.Min(mine + theirs, CartLimits.MaxQuantityPerLine);
        return available is null ? merged : Math.Min(merged, available.Value);
    }

    public static string Describe(BillingInterval interval) => interval switch
    {
        BillingInterval.Month => "monthly",
        BillingInterval.Year => "yearly",
        _ => "one-time",
    };
}
