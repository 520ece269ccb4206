namespace Storefront.Web.Stripe;

/// <summary>The answer to a DELETE: <c>{id, object, deleted: true}</c>.</summary>
public sealed record StripeDeletedObject
{
    public string Id { get; init; } = string.Empty;

    public string? Object { get; init; }

    public bool Deleted { get; init; }
}
