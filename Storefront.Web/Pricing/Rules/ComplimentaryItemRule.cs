using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;

namespace Storefront.Web.Pricing;

/// <summary>
/// Once the discounted eligible subtotal reaches the threshold, the complimentary product is in the cart at zero
/// (added if missing, one unit); below it, it is taken out even if the cart had it. It never counts toward anything.
/// A physical gift only goes to carts that ship something anyway: a digital or subscription-only cart has no shipping
/// address or shipping option in its Stripe session, so a gift there could not be delivered.
/// </summary>
public sealed class ComplimentaryItemRule : IPricingRule
{
    public const string LineKey = "complimentary";

    public int Order => PricingStage.Complimentary;

    public void Apply(PricingContext context)
    {
        var existing = context.RemoveLines(CheckoutLineKind.Complimentary);
        var item = context.Rules.Complimentary;
        if (item is null || context.Lines.Length == 0 || context.DiscountedEligibleSubtotal < item.Threshold)
        {
            return;
        }

        if (item.ProductKind == ProductKind.Physical && !ShipsSomething(context.Lines))
        {
            return;
        }

        var line = existing is not null && existing.ProductId == item.ProductId && existing.PriceId == item.PriceId
                   && existing.UnitAmount == 0 && existing.Quantity == 1 && existing.ProductName == item.Name
            ? existing
            : new PricingLine(existing?.Key ?? LineKey, item.ProductId, item.Name, item.ProductKind, item.PriceId, 0,
                BillingInterval.None, 1, CheckoutLineKind.Complimentary, item.ProductKind == ProductKind.Physical);
        context.AddLine(line, 0);
        context.Adjustments.Add(new Adjustment(AdjustmentReason.Complimentary, item.Name, 0, item.ProductId));
    }

    private static bool ShipsSomething(Span<WorkingLine> lines)
    {
        foreach (ref var line in lines)
        {
            if (line.Line.IsShipped)
            {
                return true;
            }
        }

        return false;
    }
}
