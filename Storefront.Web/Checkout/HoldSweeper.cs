using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Data.Audit;
using Storefront.Data.Checkouts;

namespace Storefront.Web.Checkout;

/// <summary>
/// Releases stock held by checkouts that expired without Stripe telling us (a lost webhook, or a shop that was down).
/// Holds already stop counting at their expiry time; this closes the checkouts and keeps the table small.
/// </summary>
public sealed partial class HoldSweeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CheckoutOptions> options, ILogger<HoldSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; returns how many checkouts it closed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var now = clock.GetUtcNow();
        var expired = await db.Checkouts.Where(c => c.Status == CheckoutStatus.Open && c.ExpiresAt <= now).ToListAsync(cancellationToken);
        foreach (var checkout in expired)
        {
            checkout.Expire();
            db.AuditEntries.Add(new AuditEntry(now, "sweeper", "checkout.expired", "checkout", checkout.Id.ToString()).ForCheckout(checkout.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        var released = await db.InventoryHolds.Where(h => h.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        if (expired.Count > 0 || released > 0)
        {
            LogSwept(logger, expired.Count, released);
        }

        return expired.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeper closed {Checkouts} expired checkouts and released {Holds} holds")]
    private static partial void LogSwept(ILogger logger, int checkouts, int holds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hold sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
