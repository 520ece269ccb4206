namespace Storefront.Data.Carts;

/// <summary>
/// A shopper's basket before checkout. Owned by a visitor (anonymous, identified by a signed cookie) or by a
/// signed-in user; a visitor's cart is merged into the user's on sign-in.
/// </summary>
public sealed class Cart : IVersioned
{
    private readonly List<CartLine> lines = new();

    private Cart()
    {
    }

    public Cart(string ownerKey, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerKey);
        Id = Guid.NewGuid();
        OwnerKey = ownerKey;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    /// <summary>"visitor:{id}" or "user:{id}" (see CartOwner in the web app).</summary>
    public string OwnerKey { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<CartLine> Lines => lines;

    public void BumpVersion() => Version++;

    public CartLine? FindLine(int priceId) => lines.FirstOrDefault(l => l.PriceId == priceId);

    /// <summary>Adds units of a price, or more units to the line that already holds it.</summary>
    public CartLine Add(int productId, int priceId, int quantity, DateTimeOffset now)
    {
        var existing = FindLine(priceId);
        if (existing is not null)
        {
            existing.SetQuantity(existing.Quantity + quantity);
            UpdatedAt = now;
            return existing;
        }

        if (lines.Count >= CartLimits.MaxLines)
        {
            throw new CartRuleException($"A cart holds at most {CartLimits.MaxLines} different items.");
        }

        var line = new CartLine(productId, priceId, quantity);
        lines.Add(line);
        UpdatedAt = now;
        return line;
    }

    public void SetQuantity(long lineId, int quantity, DateTimeOffset now)
    {
        var line = lines.FirstOrDefault(l => l.Id == lineId)
                   ?? throw new CartRuleException("That item is no longer in your cart.");
        line.SetQuantity(quantity);
        UpdatedAt = now;
    }

    public void Remove(long lineId, DateTimeOffset now)
    {
        var line = lines.FirstOrDefault(l => l.Id == lineId)
                   ?? throw new CartRuleException("That item is no longer in your cart.");
        lines.Remove(line);
        UpdatedAt = now;
    }

    public void Clear(DateTimeOffset now)
    {
        lines.Clear();
        UpdatedAt = now;
    }
}
