using Storefront.Data.Checkouts;
using Storefront.Web.Money;

namespace Storefront.Web.Pricing;

/// <summary>
/// The working state one quote is built in. Each <see cref="IPricingRule"/> reads what earlier rules wrote and adds
/// its part; the engine turns the final state into a <see cref="Quote"/>. Not thread-safe; one per quote.
/// </summary>
public sealed class PricingContext
{
    private WorkingLine[] lines;
    private int lineCount;

    public PricingContext(PricingRequest request, PricingRules rules)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        Request = request;
        Rules = rules;
        Currency = CurrencyInfo.Normalise(request.Currency);

        // One spare slot for the complimentary line; everything else is sized from the rules up front.
        var count = request.Lines.Count;
        lines = new WorkingLine[count + 1];
        for (var i = 0; i < count; i++)
        {
            lines[i].Line = request.Lines[i];
        }

        lineCount = count;
        Candidates = new List<DiscountCandidate>(rules.Promotions.Count + 1);
        Adjustments = new List<Adjustment>(rules.Promotions.Count + rules.ShippingRates.Count + 2);
    }

    public PricingRequest Request { get; }

    public PricingRules Rules { get; }

    /// <summary>The request's currency, lower-case.</summary>
    public string Currency { get; }

    /// <summary>The lines in session order; rules update their amounts in place.</summary>
    public Span<WorkingLine> Lines => lines.AsSpan(0, lineCount);

    /// <summary>Σ subtotals of the lines a discount can apply to (every line but the complimentary item).</summary>
    public long EligibleSubtotal { get; set; }

    /// <summary>Every discount the cart qualifies for, before the stacking policy picks.</summary>
    public List<DiscountCandidate> Candidates { get; }

    /// <summary>The session discount chosen by the stacking policy (0 when none).</summary>
    public long Discount { get; set; }

    public string? DiscountName { get; set; }

    /// <summary>What thresholds after the discount compare with: the complimentary item and free shipping.</summary>
    public long DiscountedEligibleSubtotal => EligibleSubtotal - Discount;

    public List<Adjustment> Adjustments { get; }

    public PromoCodeVerdict PromoCode { get; set; } = PromoCodeVerdict.NoCode;

    public bool RequiresShipping { get; set; }

    public List<ShippingOption>? ShippingOptions { get; set; }

    public ShippingOption? SelectedShipping { get; set; }

    /// <summary>Removes every line of a kind, keeping the others in order; returns the first removed line.</summary>
    public PricingLine? RemoveLines(CheckoutLineKind kind)
    {
        PricingLine? first = null;
        var kept = 0;
        for (var i = 0; i < lineCount; i++)
        {
            if (lines[i].Line.Kind == kind)
            {
                first ??= lines[i].Line;
                continue;
            }

            lines[kept++] = lines[i];
        }

        Array.Clear(lines, kept, lineCount - kept);
        lineCount = kept;
        return first;
    }

    public void AddLine(PricingLine line, long subtotal)
    {
        if (lineCount == lines.Length)
        {
            Array.Resize(ref lines, lineCount + 1);
        }

        lines[lineCount++] = new WorkingLine { Line = line, Subtotal = subtotal };
    }
}

/// <summary>A line being priced: the request line plus the amounts the rules work out.</summary>
public struct WorkingLine
{
    public PricingLine Line;
    public long Subtotal;
    public long Discount;
    public long Tax;
    public TaxRateTerms? TaxRate;
}

/// <summary>A discount the cart qualifies for; the stacking policy decides whether it is applied.</summary>
/// <param name="Amount">Already rounded and capped, never above the eligible subtotal.</param>
/// <param name="Priority">Lower comes first in the composed name and wins ties between exclusive candidates.</param>
public readonly record struct DiscountCandidate(
    AdjustmentReason Reason,
    string Name,
    long Amount,
    bool Stackable,
    int Priority,
    int SourceId);
