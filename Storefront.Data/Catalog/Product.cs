namespace Storefront.Data.Catalog;

public sealed class Product : IVersioned
{
    public const int MaxSlugLength = 80;
    public const int MaxNameLength = 120;

    private readonly List<Price> prices = new();

    private Product()
    {
    }

    public Product(string slug, string name, string category, ProductKind kind)
    {
        Slug = RequireSlug(slug);
        Rename(name);
        Categorise(category);
        Kind = kind;
        IsActive = true;
    }

    public int Id { get; private set; }

    public string Slug { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public string? ImageUrl { get; private set; }

    public string Category { get; private set; } = "";

    public ProductKind Kind { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>Given away when a cart qualifies (see the complimentary-item rule); never sold on its own.</summary>
    public bool IsComplimentary { get; private set; }

    /// <summary>Stripe product id, filled when the product is first synced to Stripe.</summary>
    public string? StripeProductId { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<Price> Prices => prices;

    public bool TracksStock => Kind == ProductKind.Physical;

    public void BumpVersion() => Version++;

    public void Rename(string name)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ArgumentException($"A product name needs 1 to {MaxNameLength} characters.", nameof(name));
        }

        Name = name;
    }

    public void Describe(string? description, string? imageUrl)
    {
        Description = (description ?? "").Trim();
        ImageUrl = string.IsNullOrWhiteSpace(imageUrl) ? null : imageUrl.Trim();
    }

    public void Categorise(string category)
    {
        category = (category ?? "").Trim();
        if (category.Length == 0)
        {
            throw new ArgumentException("A product needs a category.", nameof(category));
        }

        Category = category;
    }

    public void ChangeKind(ProductKind kind) => Kind = kind;

    public void MarkComplimentary(bool complimentary) => IsComplimentary = complimentary;

    public void Activate() => IsActive = true;

    public void Deactivate() => IsActive = false;

    public void LinkStripeProduct(string stripeProductId) => StripeProductId = stripeProductId;

    public Price AddPrice(string currency, long unitAmount, BillingInterval interval, string? lookupKey = null)
    {
        if (Kind == ProductKind.Subscription && interval == BillingInterval.None)
        {
            throw new InvalidOperationException("A subscription is priced per month or per year.");
        }

        if (Kind != ProductKind.Subscription && interval != BillingInterval.None)
        {
            throw new InvalidOperationException("Only subscriptions have a billing interval.");
        }

        var price = new Price(this, currency, unitAmount, interval, lookupKey);
        prices.Add(price);
        return price;
    }

    /// <summary>The active price for a currency and interval, if the product is sold that way.</summary>
    public Price? ActivePrice(string currency, BillingInterval interval) =>
        prices.FirstOrDefault(p => p.IsActive && p.Interval == interval
                                   && string.Equals(p.Currency, currency, StringComparison.OrdinalIgnoreCase));

    private static string RequireSlug(string slug)
    {
        slug = (slug ?? "").Trim().ToLowerInvariant();
        if (slug.Length is 0 or > MaxSlugLength || !slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
        {
            throw new ArgumentException("A slug uses lower-case letters, digits and dashes.", nameof(slug));
        }

        return slug;
    }
}
