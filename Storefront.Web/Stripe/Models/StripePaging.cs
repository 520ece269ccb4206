using System.Runtime.CompilerServices;

namespace Storefront.Web.Stripe;

/// <summary>Walks every page of a Stripe list with <c>starting_after</c>, e.g. for a catalog sync.</summary>
public static class StripePaging
{
    /// <example>
    /// <code>
    /// await foreach (var price in StripePaging.ListAllAsync(new PriceListRequest { Active = true, Limit = 100 },
    ///     (r, ct) => gateway.ListPricesAsync(r, null, ct), p => p.Id, cancellationToken)) { … }
    /// </code>
    /// </example>
    public static async IAsyncEnumerable<TItem> ListAllAsync<TRequest, TItem>(
        TRequest firstPage,
        Func<TRequest, CancellationToken, Task<StripeList<TItem>>> fetchPage,
        Func<TItem, string> idOf,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRequest : StripeListRequest
    {
        ArgumentNullException.ThrowIfNull(firstPage);
        if (firstPage.EndingBefore is not null)
        {
            throw new ArgumentException("Forward paging cannot start from ending_before.", nameof(firstPage));
        }

        var request = firstPage;
        while (true)
        {
            var page = await fetchPage(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            if (!page.HasMore || page.Data.Count == 0)
            {
                yield break;
            }

            // 'with' on the base type clones the runtime (derived) type, keeping its filters.
            request = (TRequest)(((StripeListRequest)request) with { StartingAfter = idOf(page.Data[^1]) });
        }
    }
}
