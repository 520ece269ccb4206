using Storefront.Data.Checkouts;

namespace Storefront.Web.Pricing;

/// <summary>Each line's subtotal is its unit amount times its quantity; the complimentary item counts for nothing.</summary>
public sealed class BaseLinesRule : IPricingRule
{
    public int Order => PricingStage.BaseLines;

    public void Apply(PricingContext context)
    {
        long eligible = 0;
        foreach (ref var line in context.Lines)
        {
            var source = line.Line;
            if (source.Quantity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(context), $"Line {source.Key} has quantity {source.Quantity}; it must be at least 1.");
            }

            if (source.UnitAmount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(context), $"Line {source.Key} has a negative unit amount.");
            }

            line.Subtotal = source.Kind == CheckoutLineKind.Complimentary ? 0 : checked(source.UnitAmount * source.Quantity);
            if (source.Kind != CheckoutLineKind.Complimentary)
            {
                eligible = checked(eligible + line.Subtotal);
            }
        }

        context.EligibleSubtotal = eligible;
    }
}
