namespace Storefront.Web.Pricing;

/// <summary>A line item the Stripe session holds now.</summary>
public sealed record ExistingLineItem(string Id, string PriceId, int Quantity);

/// <summary>A line item the session should hold after the update.</summary>
public sealed record WantedLineItem(string PriceId, int Quantity);

/// <summary>One entry of the whole new line_items array sent to Stripe.</summary>
public abstract record LineItemChange
{
    private LineItemChange()
    {
    }

    /// <summary>The line stays as it is: send only its id.</summary>
    public sealed record Keep(string Id) : LineItemChange;

    /// <summary>Same price, new quantity: send its id and the quantity.</summary>
    public sealed record Change(string Id, int Quantity) : LineItemChange;

    /// <summary>A new line: send the price and quantity (Stripe gives it a new id).</summary>
    public sealed record Add(string PriceId, int Quantity) : LineItemChange;
}

/// <summary>
/// Builds the line_items array for a session update. Stripe replaces the whole array: lines sent with their id are
/// kept (optionally with a new quantity), lines sent without an id are created, and lines left out are removed.
/// Each wanted line takes the first unused existing line with the same price; the result is in the wanted order.
/// A price change (monthly → yearly) therefore removes the old line and adds a new one.
/// </summary>
public static class LineItemDiff
{
    public static IReadOnlyList<LineItemChange> Compute(IReadOnlyList<ExistingLineItem> existing, IReadOnlyList<WantedLineItem> wanted)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(wanted);
        var used = new bool[existing.Count];
        var result = new LineItemChange[wanted.Count];
        for (var w = 0; w < wanted.Count; w++)
        {
            var line = wanted[w];
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(line.Quantity, nameof(wanted));
            var match = -1;
            for (var e = 0; e < existing.Count; e++)
            {
                if (!used[e] && string.Equals(existing[e].PriceId, line.PriceId, StringComparison.Ordinal))
                {
                    match = e;
                    break;
                }
            }

            if (match < 0)
            {
                result[w] = new LineItemChange.Add(line.PriceId, line.Quantity);
                continue;
            }

            used[match] = true;
            var old = existing[match];
            result[w] = old.Quantity == line.Quantity
                ? new LineItemChange.Keep(old.Id)
                : new LineItemChange.Change(old.Id, line.Quantity);
        }

        return result;
    }
}
