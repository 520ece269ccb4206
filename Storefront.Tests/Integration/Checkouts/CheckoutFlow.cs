using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Checkouts;

/// <summary>Steps shared by checkout tests: fill a cart, press Checkout, read what Stripe (the emulator) holds.</summary>
public static class CheckoutFlow
{
    public static async Task<string> StartAsync(StorefrontAppFactory app, ShopperClient shopper, params (string Slug, int Quantity, string? Interval)[] items)
    {
        foreach (var (slug, quantity, interval) in items)
        {
            var fields = new Dictionary<string, string> { ["Input.Quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (interval is not null)
            {
                fields["Input.Interval"] = interval;
            }

            var (added, _) = await shopper.SubmitAsync($"/products/{slug}", "form.add-to-cart", fields);
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var (response, page) = await shopper.SubmitAsync("/cart", "form.checkout-start", new Dictionary<string, string>());
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var outcome = await QueryAsync(app, db => db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Outcome).FirstOrDefaultAsync());
            Assert.Fail($"Checkout did not start: {(int)response.StatusCode} {page.QuerySelector("[role=alert]")?.TextContent} (last audit outcome: {outcome})");
        }

        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/checkout?session_id=cs_test_", location);
        return Uri.UnescapeDataString(location["/checkout?session_id=".Length..]);
    }

    public static JsonObject Session(StorefrontAppFactory app, string sessionId) =>
        JsonNode.Parse(app.Emulator.GetSessionJson(sessionId, expandLineItems: true)!)!.AsObject();

    /// <summary>Waits for the webhook (delivered in the background) to have produced the order.</summary>
    public static async Task<Data.Orders.Order> WaitForOrderAsync(StorefrontAppFactory app, string sessionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            var order = await db.Orders.Include(o => o.Lines).AsNoTracking().SingleOrDefaultAsync(o => o.StripeSessionId == sessionId);
            if (order is not null)
            {
                return order;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No order for {sessionId} after 10 s. Deliveries: {string.Join("; ", app.Emulator.WebhookDeliveries.Select(d => d.ToString()))}");
    }

    /// <summary>Units of a product currently held by open checkouts.</summary>
    public static Task<int> HeldAsync(StorefrontAppFactory app, string slug) =>
        QueryAsync(app, db => db.InventoryHolds
            .Where(h => db.Products.Any(p => p.Id == h.ProductId && p.Slug == slug))
            .SumAsync(h => h.Quantity));

    /// <summary>The id of a line of this checkout: the first one, or the one selling <paramref name="productName"/>.</summary>
    public static Task<long> LineIdAsync(StorefrontAppFactory app, string sessionId, string? productName = null) =>
        QueryAsync(app, db => db.CheckoutLines
            .Where(l => db.Checkouts.Any(c => c.Id == l.CheckoutId && c.StripeSessionId == sessionId)
                        && (productName == null || db.Products.Any(p => p.Id == l.ProductId && p.Name == productName)))
            .OrderBy(l => l.Position).Select(l => l.Id).FirstAsync());

    /// <summary>Units this checkout holds (of one product, when a slug is given).</summary>
    public static Task<int> HeldForAsync(StorefrontAppFactory app, string sessionId, string? slug = null) =>
        QueryAsync(app, db => db.InventoryHolds
            .Where(h => db.Checkouts.Any(c => c.Id == h.CheckoutId && c.StripeSessionId == sessionId)
                        && (slug == null || db.Products.Any(p => p.Id == h.ProductId && p.Slug == slug)))
            .SumAsync(h => h.Quantity));

    /// <summary>Polls until the condition holds (background webhook delivery, say), failing after 10 s.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("Condition not met within 10 s.");
            }

            await Task.Delay(50);
        }
    }

    public static async Task<T> QueryAsync<T>(StorefrontAppFactory app, Func<StorefrontDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StorefrontDbContext>());
    }
}
