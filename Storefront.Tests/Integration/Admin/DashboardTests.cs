using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Inventory;
using Storefront.Data.Orders;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

public sealed class DashboardTests(StorefrontAppFactory factory) : IClassFixture<StorefrontAppFactory>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheDashboard_ChartsThirtyDaysOfSales_AndShowsTopProductsCheckoutsAndHolds()
    {
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedTime(Now))));
        await app.ChangeAsync(SeedAsync);
        using var admin = await AdminClient.SignedInAsync(app);

        var page = await admin.GetOkAsync("/Admin");

        var svg = page.QuerySelector("svg.sales-chart")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("sales-title", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("Sales per day from 23 Oct 2026 to 21 Nov 2026: $175.00 in total; best day 21 Nov with $150.00.", page.GetElementById("sales-title")!.TextContent);
        var bars = svg.QuerySelectorAll("rect.bar");
        Assert.Equal(30, bars.Length);
        Assert.Equal(("2026-10-23", "2026-11-21"), (bars[0].GetAttribute("data-day"), bars[^1].GetAttribute("data-day")));
        Assert.Equal("15000", bars[^1].GetAttribute("data-amount"));
        Assert.Equal("160", bars[^1].GetAttribute("height"));
        Assert.Equal("2500", svg.QuerySelector("rect.bar[data-day='2026-11-10']")!.GetAttribute("data-amount"));
        Assert.Equal("0", svg.QuerySelector("rect.bar[data-day='2026-11-11']")!.GetAttribute("height"));

        Assert.Equal(["French Press", "Gooseneck Kettle", "Conical Burr Grinder", "Gift Wrap"],
            page.QuerySelectorAll(".top-products-list li a").Select(a => a.TextContent));
        Assert.Equal("5", page.QuerySelector(".top-products-list li .units")!.TextContent);
        Assert.Equal("1", page.QuerySelector(".stat-open-checkouts")!.TextContent.Trim());
        Assert.Equal("1 (3 units)", page.QuerySelector(".stat-active-holds")!.TextContent.Trim());
    }

    private static async Task SeedAsync(StorefrontDbContext db)
    {
        var products = await db.Products.Include(p => p.Prices).ToDictionaryAsync(p => p.Slug);
        var open = new Checkout("visitor:open", null, "usd", CheckoutMode.Payment, Now.AddMinutes(-5), Now.AddHours(1));
        var stale = new Checkout("visitor:stale", null, "usd", CheckoutMode.Payment, Now.AddHours(-2), Now.AddHours(-1));
        db.Checkouts.AddRange(open, stale);
        db.InventoryHolds.Add(new InventoryHold(products["gooseneck-kettle"].Id, open.Id, 3, Now.AddMinutes(30)));
        db.InventoryHolds.Add(new InventoryHold(products["gooseneck-kettle"].Id, stale.Id, 4, Now.AddMinutes(-10)));

        AddOrder(db, Now.AddHours(-3), 10000, OrderStatus.Paid, (products["gooseneck-kettle"], 2));
        AddOrder(db, Now.AddHours(-2), 5000, OrderStatus.Processing, (products["french-press"], 5));
        AddOrder(db, new DateTimeOffset(2026, 11, 10, 23, 59, 0, TimeSpan.Zero), 2500, OrderStatus.Paid, (products["gift-wrap"], 1));
        AddOrder(db, new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero), 99999, OrderStatus.Paid, (products["burr-grinder"], 1));
        AddOrder(db, Now.AddHours(-1), 7777, OrderStatus.PaymentFailed, (products["house-blend-beans"], 50));
    }

    private static void AddOrder(StorefrontDbContext db, DateTimeOffset at, long total, OrderStatus status, params (Product Product, int Quantity)[] lines)
    {
        var checkout = new Checkout("visitor:" + Guid.NewGuid().ToString("N"), null, "usd", CheckoutMode.Payment, at, at.AddHours(1));
        var session = "cs_dash_" + Guid.NewGuid().ToString("N");
        checkout.BindStripeSession(session);
        checkout.Complete();
        db.Checkouts.Add(checkout);
        var order = new Order(checkout.Id, session, null, "dash@example.test", "usd", new OrderTotals(total, 0, 0, 0, total), at);
        foreach (var (product, quantity) in lines)
        {
            var unit = product.Prices.First().UnitAmount;
            order.AddLine(new OrderLine(product.Id, product.Name, unit, quantity, BillingInterval.None, 0, 0, unit * quantity));
        }

        order.SetStatus(status);
        db.Orders.Add(order);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
