namespace Storefront.Web.Pricing;

/// <summary>The session discount is spread over the lines as Stripe spreads it (see <see cref="DiscountSpread"/>).</summary>
public sealed class DiscountSpreadRule : IPricingRule
{
    public int Order => PricingStage.DiscountSpread;

    public void Apply(PricingContext context)
    {
        var lines = context.Lines;
        Span<long> subtotals = lines.Length <= 64 ? stackalloc long[lines.Length] : new long[lines.Length];
        Span<long> shares = lines.Length <= 64 ? stackalloc long[lines.Length] : new long[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            subtotals[i] = lines[i].Subtotal;
        }

        DiscountSpread.Allocate(context.Discount, subtotals, shares);
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i].Discount = shares[i];
        }
    }
}
