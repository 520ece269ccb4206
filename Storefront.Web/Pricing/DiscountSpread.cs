namespace Storefront.Web.Pricing;

/// <summary>
/// Spreads a session discount over the lines as Stripe does: in proportion to the line subtotals, by the largest
/// remainder method. Each line first gets floor(D × subtotalᵢ / S); the units left over go one each to the lines with
/// the largest fractional remainders, ties going to the lower line index. The shares always add up to D.
/// </summary>
public static class DiscountSpread
{
    private const int StackLimit = 64;

    /// <param name="discount">D, at most Σ subtotals.</param>
    /// <param name="subtotals">The line subtotals, in line order (zero lines get zero).</param>
    /// <param name="shares">Receives each line's share; as long as <paramref name="subtotals"/>.</param>
    public static void Allocate(long discount, ReadOnlySpan<long> subtotals, Span<long> shares)
    {
        if (shares.Length != subtotals.Length)
        {
            throw new ArgumentException("One share per subtotal.", nameof(shares));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(discount);
        shares.Clear();
        if (discount == 0)
        {
            return;
        }

        long total = 0;
        foreach (var subtotal in subtotals)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(subtotal, nameof(subtotals));
            total = checked(total + subtotal);
        }

        if (discount > total)
        {
            throw new ArgumentOutOfRangeException(nameof(discount), "A discount cannot exceed the subtotal it is spread over.");
        }

        // Remainders share the denominator S, so comparing the numerators compares the fractions exactly.
        Span<long> remainders = subtotals.Length <= StackLimit ? stackalloc long[subtotals.Length] : new long[subtotals.Length];
        var given = 0L;
        for (var i = 0; i < subtotals.Length; i++)
        {
            var numerator = (Int128)discount * subtotals[i];
            shares[i] = (long)(numerator / total);
            remainders[i] = (long)(numerator % total);
            given += shares[i];
        }

        // Fewer leftover units than lines with a remainder, so each pass hands out exactly one unit.
        for (var left = discount - given; left > 0; left--)
        {
            var best = -1;
            for (var i = 0; i < remainders.Length; i++)
            {
                if (remainders[i] > 0 && (best < 0 || remainders[i] > remainders[best]))
                {
                    best = i;
                }
            }

            shares[best]++;
            remainders[best] = 0;
        }
    }

    /// <summary>Convenience form of <see cref="Allocate(long, ReadOnlySpan{long}, Span{long})"/>.</summary>
    public static long[] Allocate(long discount, IReadOnlyList<long> subtotals)
    {
        ArgumentNullException.ThrowIfNull(subtotals);
        var input = subtotals.ToArray();
        var shares = new long[input.Length];
        Allocate(discount, input, shares);
        return shares;
    }
}
