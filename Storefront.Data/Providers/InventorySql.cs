using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Data.Providers;

/// <summary>
/// Stock claims that must be atomic: one statement checks availability and writes the hold, so two shoppers can
/// never hold the same last unit. Raw SQL lives here, beside the other provider-specific code.
/// </summary>
public static class InventorySql
{
    private static readonly DateTimeOffsetToBinaryConverter Instant = new();

    /// <summary>
    /// Sets this checkout's hold on a product to <paramref name="quantity"/> units until <paramref name="expiresAt"/>,
    /// if on-hand stock minus every other active hold covers it. Returns false (and changes nothing) when it does not.
    /// </summary>
    public static async Task<bool> TryClaimHoldAsync(
        this StorefrontDbContext db, int productId, Guid checkoutId, int quantity, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        EnsureSqlite(db);

        // SQLite runs one writer at a time, so the availability sub-select and the upsert see one consistent state.
        var rows = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "InventoryHolds" ("ProductId", "CheckoutId", "Quantity", "ExpiresAt")
            SELECT {productId}, {SqliteGuid(checkoutId)}, {quantity}, {Instant.ConvertToProvider(expiresAt)}
            WHERE (SELECT "OnHand" FROM "StockLevels" WHERE "ProductId" = {productId})
                  - (SELECT COALESCE(SUM("Quantity"), 0) FROM "InventoryHolds"
                     WHERE "ProductId" = {productId} AND "CheckoutId" <> {SqliteGuid(checkoutId)} AND "ExpiresAt" > {Instant.ConvertToProvider(now)})
                  >= {quantity}
            ON CONFLICT ("CheckoutId", "ProductId") DO UPDATE SET "Quantity" = excluded."Quantity", "ExpiresAt" = excluded."ExpiresAt"
            """, cancellationToken);
        return rows == 1;
    }

    /// <summary>EF stores Guids in SQLite as upper-case text; a raw Guid parameter would bind as a blob and never match.</summary>
    private static string SqliteGuid(Guid id) => id.ToString("D").ToUpperInvariant();

    private static void EnsureSqlite(StorefrontDbContext db)
    {
        if (db.Database.ProviderName != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            throw new NotSupportedException($"Hold claims are written for SQLite; add the statement for {db.Database.ProviderName} here.");
        }
    }
}
