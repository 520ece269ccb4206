using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Storefront.Data.Catalog;
using Storefront.Data.Checkouts;
using Storefront.Data.Orders;
using Storefront.Tests.Support;

namespace Storefront.Tests.Integration.Admin;

public sealed class OrderAdminTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>25 orders on 2026-10-01 … 10-25 (one a day); every fifth is Processing; e-mails alternate between two domains.</summary>
    public async Task InitializeAsync()
    {
        if (await app.QueryAsync(db => db.Orders.AnyAsync(o => o.Email.EndsWith("@paging.test"))))
        {
            return;
        }

        await app.ChangeAsync(async db =>
        {
            var product = await db.Products.SingleAsync(p => p.Slug == "french-press");
            for (var i = 0; i < 25; i++)
            {
                var at = Day.AddDays(i);
                var checkout = new Checkout($"visitor:paging{i}", null, "usd", CheckoutMode.Payment, at, at.AddHours(1));
                var session = $"cs_paging_{i}";
                checkout.BindStripeSession(session);
                checkout.Complete();
                db.Checkouts.Add(checkout);
                var email = i % 2 == 0 ? $"even{i}@paging.test" : $"Odd{i}@Paging.test";
                var order = new Order(checkout.Id, session, null, email, "usd", new OrderTotals(4500, 0, 0, 0, 4500), at);
                order.AddLine(new OrderLine(product.Id, product.Name, 4500, 1, BillingInterval.None, 0, 0, 4500));
                if (i % 5 == 0)
                {
                    order.SetStatus(OrderStatus.Processing);
                }

                db.Orders.Add(order);
            }
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheList_PagesByTwenty_NewestFirst()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var first = await admin.GetOkAsync("/Admin/Orders?email=paging.test");
        var second = await admin.GetOkAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);

        Assert.Equal("25 orders", first.QuerySelector(".order-count")!.TextContent.Trim());
        Assert.Equal(20, first.QuerySelectorAll("tr.order-row").Length);
        Assert.Equal(5, second.QuerySelectorAll("tr.order-row").Length);
        Assert.StartsWith("2026-10-25", first.QuerySelector("tr.order-row td:nth-child(2)")!.TextContent);
        Assert.StartsWith("2026-10-01", second.QuerySelectorAll("tr.order-row").Last().QuerySelector("td:nth-child(2)")!.TextContent);
        Assert.Null(second.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task TheList_FiltersByStatusDateRangeAndEmail()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var processing = await admin.GetOkAsync("/Admin/Orders?email=paging&status=Processing");
        Assert.Equal(5, processing.QuerySelectorAll("tr.order-row").Length);

        var range = await admin.GetOkAsync("/Admin/Orders?email=paging&from=2026-10-03&to=2026-10-05");
        Assert.Equal(["even4@paging.test", "Odd3@Paging.test", "even2@paging.test"], range.QuerySelectorAll("tr.order-row td:nth-child(3)").Select(td => td.TextContent));

        var odd = await admin.GetOkAsync("/Admin/Orders?email=ODD1");
        Assert.Equal(["Odd19@Paging.test", "Odd17@Paging.test", "Odd15@Paging.test", "Odd13@Paging.test", "Odd11@Paging.test", "Odd1@Paging.test"],
            odd.QuerySelectorAll("tr.order-row td:nth-child(3)").Select(td => td.TextContent));
    }

    [Fact]
    public async Task AReversedDateRange_Is400()
    {
        using var admin = await AdminClient.SignedInAsync(app);

        var (response, page) = await admin.GetAsync("/Admin/Orders?from=2026-10-05&to=2026-10-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The end date is before the start date.", page.QuerySelector(".error")!.TextContent);
    }

    [Fact]
    public async Task TheDetail_ShowsLinesTotalsPaymentAndStripeIds_AndLinksToTheCheckoutAudit()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var (orderId, checkoutId) = await app.EnsureOrderAsync();
        var order = await app.QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId));

        var page = await admin.GetOkAsync($"/Admin/Orders/Details/{orderId}");

        Assert.Equal($"Order {order.Number}", page.QuerySelector("h1")!.TextContent.Trim());
        var line = Assert.Single(page.QuerySelectorAll("tr.order-line"));
        Assert.Contains("Gooseneck Kettle", line.TextContent);
        Assert.Equal("$118.00", page.QuerySelector(".order-subtotal")!.TextContent.Trim());
        Assert.Equal("-$5.00", page.QuerySelector(".order-discount")!.TextContent.Trim());
        Assert.Contains("Welcome code", page.QuerySelector(".order-discount")!.ParentElement!.TextContent);
        Assert.Equal("$12.00", page.QuerySelector(".order-shipping")!.TextContent.Trim());
        Assert.Equal("$3.00", page.QuerySelector(".order-tax")!.TextContent.Trim());
        Assert.Equal("$128.00", page.QuerySelector(".order-total")!.TextContent.Trim());
        Assert.Equal("Paid", page.QuerySelector(".order-status")!.TextContent.Trim());
        Assert.Equal(order.StripeSessionId, page.QuerySelector(".order-session")!.TextContent.Trim());
        Assert.Equal(order.PaymentIntentId, page.QuerySelector(".order-payment-intent")!.TextContent.Trim());
        Assert.Equal($"/Admin/Audit/Checkout/{checkoutId}", page.QuerySelector("a.checkout-audit-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheCheckoutAudit_ListsItsEntriesInTimeOrder_WithPrettyPrintedSnapshots()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var (_, checkoutId) = await app.EnsureOrderAsync();
        await app.ChangeAsync(db =>
        {
            // Recorded later but happened in between: the timeline orders by time, not by insertion.
            db.AuditEntries.Add(new Storefront.Data.Audit.AuditEntry(DateTimeOffset.UtcNow.AddMinutes(-3), "visitor:x", "checkout.line_added", "Checkout", checkoutId.ToString())
                .ForCheckout(checkoutId).WithOutcome("stock exhausted", TimeSpan.FromMilliseconds(3)));
            db.AuditEntries.Add(new Storefront.Data.Audit.AuditEntry(DateTimeOffset.UtcNow, "visitor:y", "checkout.created", "Checkout", Guid.NewGuid().ToString())
                .ForCheckout(Guid.NewGuid()));
            return Task.CompletedTask;
        });

        var page = await admin.GetOkAsync($"/Admin/Audit/Checkout/{checkoutId}");

        var entries = page.QuerySelectorAll("li.audit-entry");
        Assert.Equal(["checkout.created", "checkout.line_added", "checkout.completed"], entries.Select(e => e.GetAttribute("data-action")));
        Assert.Equal("stripe", entries[2].QuerySelector(".audit-actor")!.TextContent);
        Assert.Equal("stock exhausted", entries[1].QuerySelector(".audit-outcome")!.TextContent);
        Assert.Equal("42 ms", entries[0].QuerySelector(".audit-duration")!.TextContent);
        Assert.Equal("{\n  \"status\": \"Complete\"\n}", entries[2].QuerySelector("details .audit-after")!.TextContent.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task TheAuditLog_ShowsAdminChangesWithTheirActor()
    {
        using var admin = await AdminClient.SignedInAsync(app);
        var product = await app.ProductAsync("gift-wrap");
        var (saved, _) = await admin.SubmitAsync($"/Admin/Products/Edit/{product.Id}", "form.product-form", new() { ["Input.Name"] = "Gift Wrapping" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await admin.GetOkAsync($"/Admin/Audit?type=Product&id={product.Id}");

        var row = Assert.Single(page.QuerySelectorAll("tr.audit-row"));
        Assert.Equal("product.updated", row.GetAttribute("data-action"));
        Assert.Contains(AdminClient.AdminEmail, row.TextContent);
        Assert.Contains("\"name\": \"Gift Wrapping\"", row.QuerySelector("details")!.TextContent);
    }
}
