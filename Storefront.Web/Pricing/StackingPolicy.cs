namespace Storefront.Web.Pricing;

// Stacking policy, in short:
//   - Stackable candidates (loyalty tiers and promotions marked stackable) all add up.
//   - Each exclusive (non-stackable) candidate competes alone: the larger of the best exclusive and the sum of the
//     stackables wins; a tie goes to the stackables, a tie between exclusives to the lower Priority.
//   - Candidates are ordered by Priority, then by amount (largest first); the total never exceeds the eligible
//     subtotal (the last stackables in that order are trimmed), and Stripe gets one amount with a composed name.

/// <summary>
/// Decides which discount candidates apply and composes them into the one discount a Stripe session holds.
/// <list type="number">
/// <item>Stackable candidates all add up.</item>
/// <item>Each non-stackable (exclusive) candidate competes alone; the result is whichever is larger, the best single
/// exclusive or the sum of all stackables. A tie goes to the stackables; exclusives tie-break on lower Priority.</item>
/// <item>Candidates are ordered by Priority, then amount (largest first). The total never exceeds the eligible
/// subtotal: when the stackables add up to more, the last ones in that order are trimmed.</item>
/// <item>The name joins the applied candidates' names with " + " and is cut to Stripe's 40 characters with "…";
/// the full breakdown stays in the quote's adjustments.</item>
/// </list>
/// </summary>
public static class StackingPolicy
{
    private const string Separator = " + ";
    private const string Ellipsis = "…";

    private static readonly Comparison<DiscountCandidate> ByPriorityThenAmount = static (a, b) =>
    {
        var c = a.Priority.CompareTo(b.Priority);
        if (c != 0)
        {
            return c;
        }

        c = b.Amount.CompareTo(a.Amount);
        if (c != 0)
        {
            return c;
        }

        c = a.Reason.CompareTo(b.Reason);
        return c != 0 ? c : a.SourceId.CompareTo(b.SourceId);
    };

    /// <summary>Sorts <paramref name="candidates"/> in place, fills <paramref name="applied"/> and returns the total.</summary>
    public static long Resolve(List<DiscountCandidate> candidates, long eligibleSubtotal, List<DiscountCandidate> applied)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(applied);
        applied.Clear();
        if (candidates.Count == 0 || eligibleSubtotal <= 0)
        {
            return 0;
        }

        candidates.Sort(ByPriorityThenAmount);

        long stackableSum = 0;
        var bestExclusive = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (candidate.Stackable)
            {
                stackableSum = checked(stackableSum + candidate.Amount);
            }
            else if (bestExclusive < 0 || candidate.Amount > candidates[bestExclusive].Amount)
            {
                // Sorted by priority first, so a strictly larger amount is needed to displace an earlier one.
                bestExclusive = i;
            }
        }

        if (bestExclusive >= 0 && candidates[bestExclusive].Amount > Math.Min(stackableSum, eligibleSubtotal))
        {
            var exclusive = candidates[bestExclusive];
            var amount = Math.Min(exclusive.Amount, eligibleSubtotal);
            applied.Add(exclusive with { Amount = amount });
            return amount;
        }

        var left = eligibleSubtotal;
        for (var i = 0; i < candidates.Count && left > 0; i++)
        {
            var candidate = candidates[i];
            if (!candidate.Stackable || candidate.Amount <= 0)
            {
                continue;
            }

            var amount = Math.Min(candidate.Amount, left);
            applied.Add(amount == candidate.Amount ? candidate : candidate with { Amount = amount });
            left -= amount;
        }

        return eligibleSubtotal - left;
    }

    /// <summary>The applied names joined with " + ", at most 40 characters (cut with "…").</summary>
    public static string ComposeName(IReadOnlyList<DiscountCandidate> applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        if (applied.Count == 0)
        {
            return "";
        }

        if (applied.Count == 1)
        {
            return Truncate(applied[0].Name);
        }

        var length = (applied.Count - 1) * Separator.Length;
        for (var i = 0; i < applied.Count; i++)
        {
            length += applied[i].Name.Length;
        }

        var joined = string.Create(length, applied, static (span, list) =>
        {
            var at = 0;
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0)
                {
                    Separator.CopyTo(span[at..]);
                    at += Separator.Length;
                }

                list[i].Name.CopyTo(span[at..]);
                at += list[i].Name.Length;
            }
        });
        return Truncate(joined);
    }

    /// <summary>Cuts a coupon name to Stripe's limit, ending it with "…" when it was longer.</summary>
    public static string Truncate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length <= SessionDiscount.MaxNameLength
            ? name
            : string.Concat(name.AsSpan(0, SessionDiscount.MaxNameLength - 1).TrimEnd(), Ellipsis);
    }
}
