using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Carts;
using Storefront.Data.Catalog;
using Storefront.Web.Infrastructure;
using Storefront.Web.Inventory;

namespace Storefront.Web.Carts;

/// <summary>
/// Reads and changes the current shopper's cart. Every change is validated in full before anything is written,
/// so a rejected change leaves the stored cart exactly as it was.
/// </summary>
public sealed class CartService(
    StorefrontDbContext db,
    CartOwnerAccessor owners,
    StockAvailability stock,
    TimeProvider clock,
    IOptions<ShopOptions> shop)
{
    private string Currency => shop.Value.Currency;

    public async Task<CartView> GetAsync(CancellationToken cancellationToken)
    {
        var owner = owners.Current();
        return owner is null ? CartView.Empty(Currency) : await ViewAsync(owner.Value.Key, cancellationToken);
    }

    /// <summary>Adds units of a catalog product at its current price for the interval chosen.</summary>
    /// <exception cref="ProductNotFoundException">No product has that slug.</exception>
    /// <exception cref="CartRuleException">The change breaks a cart rule.</exception>
    public async Task<CartView> AddAsync(string slug, BillingInterval interval, int quantity, CancellationToken cancellationToken)
    {
        CartRules.RequireValidQuantity(quantity);
        var product = await db.Products.AsNoTracking().Include(p => p.Prices)
                          .FirstOrDefaultAsync(p => p.Slug == slug, cancellationToken)
                      ?? throw new ProductNotFoundException(slug);
        CartRules.RequireSellable(product);
        if (product.Kind != ProductKind.Subscription)
        {
            interval = BillingInterval.None;
        }
        else if (interval == BillingInterval.None)
        {
            throw new CartRuleException("Choose monthly or yearly billing.");
        }

        var price = product.ActivePrice(Currency, interval)
                    ?? throw new CartRuleException($"{product.Name} is not sold {CartRules.Describe(interval)} right now.");

        var owner = owners.GetOrCreate();
        var cart = await LoadOrCreateAsync(owner.Key, cancellationToken);
        var intervals = await db.Prices.AsNoTracking()
            .Where(p => cart.Lines.Select(l => l.PriceId).Contains(p.Id))
            .Select(p => p.Interval)
            .ToListAsync(cancellationToken);
        CartRules.RequireOneBillingInterval(intervals, interval);

        var alreadyInCart = cart.Lines.Where(l => l.ProductId == product.Id).Sum(l => l.Quantity);
        var inLine = cart.FindLine(price.Id)?.Quantity ?? 0;
        CartRules.RequireValidQuantity(inLine + quantity);
        CartRules.RequireInStock(product.Name, alreadyInCart + quantity, await stock.ForProductAsync(product.Id, cancellationToken));

        cart.Add(product.Id, price.Id, quantity, clock.GetUtcNow());
        await SaveAsync(cancellationToken);
        return await ViewAsync(owner.Key, cancellationToken);
    }

    public async Task<CartView> SetQuantityAsync(long lineId, int quantity, CancellationToken cancellationToken)
    {
        CartRules.RequireValidQuantity(quantity);
        var (ownerKey, cart) = await RequireCartAsync(cancellationToken);
        var line = cart.Lines.FirstOrDefault(l => l.Id == lineId)
                   ?? throw new CartRuleException("That item is no longer in your cart.");
        var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == line.ProductId, cancellationToken);
        var otherLinesOfProduct = cart.Lines.Where(l => l.ProductId == line.ProductId && l.Id != line.Id).Sum(l => l.Quantity);
        CartRules.RequireInStock(product.Name, otherLinesOfProduct + quantity, await stock.ForProductAsync(product.Id, cancellationToken));

        cart.SetQuantity(lineId, quantity, clock.GetUtcNow());
        await SaveAsync(cancellationToken);
        return await ViewAsync(ownerKey, cancellationToken);
    }

    public async Task<CartView> RemoveAsync(long lineId, CancellationToken cancellationToken)
    {
        var (ownerKey, cart) = await RequireCartAsync(cancellationToken);
        cart.Remove(lineId, clock.GetUtcNow());
        await SaveAsync(cancellationToken);
        return await ViewAsync(ownerKey, cancellationToken);
    }

    private async Task<(string OwnerKey, Cart Cart)> RequireCartAsync(CancellationToken cancellationToken)
    {
        var owner = owners.Current() ?? throw new CartRuleException("Your cart is empty.");
        var cart = await db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.OwnerKey == owner.Key, cancellationToken)
                   ?? throw new CartRuleException("Your cart is empty.");
        return (owner.Key, cart);
    }

    private async Task<Cart> LoadOrCreateAsync(string ownerKey, CancellationToken cancellationToken)
    {
        var cart = await db.Carts.Include(c => c.Lines).FirstOrDefaultAsync(c => c.OwnerKey == ownerKey, cancellationToken);
        if (cart is null)
        {
            cart = new Cart(ownerKey, clock.GetUtcNow());
            db.Carts.Add(cart);
        }

        return cart;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CartConflictException();
        }
        catch (DbUpdateException)
        {
            // Two first adds racing to create the same cart hit the unique owner key: same answer as a conflict.
            throw new CartConflictException();
        }
    }

    internal async Task<CartView> ViewAsync(string ownerKey, CancellationToken cancellationToken)
    {
        var rows = await (
                from cart in db.Carts.AsNoTracking()
                where cart.OwnerKey == ownerKey
                from line in cart.Lines
                join price in db.Prices on line.PriceId equals price.Id
                join product in db.Products on line.ProductId equals product.Id
                orderby line.Id
                select new { line.Id, line.ProductId, line.PriceId, product.Slug, product.Name, product.ImageUrl, price.UnitAmount, price.Currency, price.Interval, line.Quantity })
            .ToListAsync(cancellationToken);
        var available = await stock.ForProductsAsync(rows.Select(r => r.ProductId).Distinct().ToList(), cancellationToken);
        var lines = rows
            .Select(r => new CartLineView(r.Id, r.ProductId, r.PriceId, r.Slug, r.Name, r.ImageUrl, r.UnitAmount, r.Currency, r.Interval, r.Quantity,
                available.TryGetValue(r.ProductId, out var a) ? a : null))
            .ToList();
        return new CartView(lines, Currency);
    }
}

public sealed class ProductNotFoundException(string slug) : Exception($"No product '{slug}'.")
{
    public string Slug { get; } = slug;
}

public sealed class CartConflictException() : Exception("Your cart was changed at the same time in another window. Please try again.");
