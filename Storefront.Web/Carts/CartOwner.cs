namespace Storefront.Web.Carts;

/// <summary>Who a cart (and later a checkout) belongs to: an anonymous visitor or a signed-in user.</summary>
public readonly record struct CartOwner(string Key, string? UserId)
{
    public static CartOwner ForVisitor(Guid visitorId) => new($"visitor:{visitorId:N}", null);

    public static CartOwner ForUser(string userId) => new($"user:{userId}", userId);

    public bool IsUser => UserId is not null;

    public override string ToString() => Key;
}
