using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Data.Audit;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Inventory;
using Storefront.Data.Orders;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Storefront.Tests.Integration.Admin;

/// <summary>Direct database access for arranging and asserting what the admin pages did.</summary>
public static class AdminTestData
{
    public static async Task<T> QueryAsync<T>(this WebApplicationFactory<Program> app, Func<StorefrontDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        return await query(db);
    }

    public static async Task ChangeAsync(this WebApplicationFactory<Program> app, Func<StorefrontDbContext, Task> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        await change(db);
        await db.SaveChangesAsync();
    }

    public static Task<Product> ProductAsync(this WebApplicationFactory<Program> app, string slug) =>
        app.QueryAsync(db => db.Products.AsNoTracking().Include(p => p.Prices).SingleAsync(p => p.Slug == slug));

    public static Task<List<AuditEntry>> AuditAsync(this WebApplicationFactory<Program> app, string entityType, string entityId) =>
        app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync());

    /// <summary>A paid order of <paramref name="quantity"/> × the product, with its checkout, a hold and audit entries; idempotent per e-mail.</summary>
    public static async Task<(Guid OrderId, Guid CheckoutId)> EnsureOrderAsync(
        this WebApplicationFactory<Program> app, string email = "buyer@example.test", string slug = "gooseneck-kettle", int quantity = 2, DateTimeOffset? at = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var existing = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Email == email);
        if (existing is not null)
        {
            return (existing.Id, existing.CheckoutId);
        }

        var now = at ?? DateTimeOffset.UtcNow;
        var product = await db.Products.Include(p => p.Prices).SingleAsync(p => p.Slug == slug);
        var price = product.Prices.First(p => p.IsActive);
        var checkout = new Checkout("visitor:" + Guid.NewGuid().ToString("N"), null, "usd", CheckoutMode.Payment, now.AddMinutes(-5), now.AddHours(1));
        checkout.AddLine(product.Id, price.Id, quantity, CheckoutLineKind.Product);
        checkout.SetCustomerEmail(email);
        var sessionId = "cs_test_" + Guid.NewGuid().ToString("N");
        checkout.BindStripeSession(sessionId);
        checkout.Complete();
        db.Checkouts.Add(checkout);
        await db.SaveChangesAsync();

        var subtotal = price.UnitAmount * quantity;
        var order = new Order(checkout.Id, sessionId, null, email, "usd", new OrderTotals(subtotal, 500, 1200, 300, subtotal - 500 + 1200 + 300), now);
        order.AddLine(new OrderLine(product.Id, product.Name, price.UnitAmount, quantity, BillingInterval.None, 500, 300, subtotal - 500 + 300));
        order.Describe("Welcome code", "Priority");
        order.LinkPayment("pi_test_" + Guid.NewGuid().ToString("N"), null);
        db.Orders.Add(order);
        db.InventoryHolds.Add(new InventoryHold(product.Id, checkout.Id, quantity, DateTimeOffset.UtcNow.AddHours(1)));
        db.AuditEntries.Add(new AuditEntry(now.AddMinutes(-5), "visitor:x", "checkout.created", "Checkout", checkout.Id.ToString())
            .ForCheckout(checkout.Id).WithChange(null, "{\"lines\":1}").WithOutcome("success", TimeSpan.FromMilliseconds(42)));
        db.AuditEntries.Add(new AuditEntry(now, "stripe", "checkout.completed", "Checkout", checkout.Id.ToString())
            .ForCheckout(checkout.Id).WithChange("{\"status\":\"Open\"}", "{\"status\":\"Complete\"}").WithOutcome("success", TimeSpan.FromMilliseconds(7)));
        await db.SaveChangesAsync();
        return (order.Id, checkout.Id);
    }
}
