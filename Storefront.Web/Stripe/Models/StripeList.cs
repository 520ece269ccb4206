namespace Storefront.Web.Stripe;

/// <summary>A page of a Stripe list: <c>{object:"list", data, has_more, url}</c>.</summary>
public sealed record StripeList<T>
{
    public string? Object { get; init; }

    public IReadOnlyList<T> Data { get; init; } = [];

    public bool HasMore { get; init; }

    public string? Url { get; init; }
}
