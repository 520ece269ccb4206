using Storefront.Web.Pricing;

namespace Storefront.Web.Checkout;

/// <summary>How one quote line is sent in LinePrices mode: the unit amount and quantity Stripe will multiply.</summary>
/// <param name="AtListPrice">No discount share: the catalog price can be sent (and the line item kept).</param>
/// <param name="Folded">The discounted total does not divide by the quantity: sent as one line "N × Name", quantity 1.</param>
public sealed record SpreadLine(long UnitAmount, int Quantity, bool AtListPrice, bool Folded)
{
    public long Total => UnitAmount * Quantity;
}

/// <summary>
/// LinePrices mode puts the server's discount into the prices themselves: each line is sent at
/// (subtotal − its share of the discount), the share the quote already allocated, so Stripe's line amounts, its
/// per-line tax and its totals equal the quote's to the minor unit while Stripe itself sees no discount.
/// </summary>
public static class LinePriceSpread
{
    public static SpreadLine For(QuoteLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Discount == 0)
        {
            return new SpreadLine(line.UnitAmount, line.Quantity, AtListPrice: true, Folded: false);
        }

        var discounted = line.Subtotal - line.Discount;
        if (discounted < 0 || line.Quantity <= 0)
        {
            throw new ArgumentException("A line's discount cannot exceed its subtotal.", nameof(line));
        }

        return discounted % line.Quantity == 0
            ? new SpreadLine(discounted / line.Quantity, line.Quantity, AtListPrice: false, Folded: false)
            : new SpreadLine(discounted, 1, AtListPrice: false, Folded: true);
    }

    /// <summary>The name Stripe shows for a folded line.</summary>
    public static string FoldedName(QuoteLine line) => $"{line.Quantity} × {line.Name}";
}
