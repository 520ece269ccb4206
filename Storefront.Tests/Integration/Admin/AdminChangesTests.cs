using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Data;
using Storefront.Data.Shipping;
using Storefront.Tests.Support;
using Storefront.Web.Admin;

namespace Storefront.Tests.Integration.Admin;

/// <summary>The shared save helper against the real database, including the race the page-level version check cannot see.</summary>
public sealed class AdminChangesTests(StorefrontAppFactory app) : IClassFixture<StorefrontAppFactory>
{
    [Fact]
    public async Task AWriterThatCommitsBetweenLoadAndSave_WinsTheRace_AndTheLoserWritesNothing()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var changes = scope.ServiceProvider.GetRequiredService<AdminChanges>();
        var rate = await db.ShippingRates.SingleAsync(r => r.Name == "Standard");
        var loadedVersion = rate.Version;
        var auditsBefore = await app.QueryAsync(d => d.AuditEntries.CountAsync());

        // Another admin saves after we loaded the row: our copy still shows the old version.
        await app.ChangeAsync(async other =>
        {
            var theirs = await other.ShippingRates.SingleAsync(r => r.Name == "Standard");
            theirs.Update("Standard", 650, "usd", 3, 5, ["US", "CA"], 7500);
        });

        var before = AdminEntities.Shipping.SnapshotJson(rate);
        rate.Update("Standard", 400, "usd", 3, 5, ["US", "CA"], 7500);
        var result = await changes.SaveAsync(AdminEntities.Shipping, rate, "shipping.updated", before, loadedVersion, CancellationToken.None);

        Assert.Equal(AdminSaveOutcome.Conflict, result.Outcome);
        Assert.Equal("Someone else changed this shipping rate while you were editing. Reload to see their changes.", result.Message);
        var stored = await app.QueryAsync(d => d.ShippingRates.AsNoTracking().SingleAsync(r => r.Name == "Standard"));
        Assert.Equal(650, stored.Amount);
        Assert.Equal(auditsBefore, await app.QueryAsync(d => d.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task ACreate_StoresTheRowAndItsAuditEntryTogether_NamedByTheNewId()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var changes = scope.ServiceProvider.GetRequiredService<AdminChanges>();
        var rate = new ShippingRate("Courier", 2500, "usd", 0, 1, ["US"]);
        db.ShippingRates.Add(rate);

        var result = await changes.SaveAsync(AdminEntities.Shipping, rate, "shipping.created", null, null, CancellationToken.None);

        Assert.True(result.Saved);
        var audit = Assert.Single(await app.AuditAsync("ShippingRate", rate.Id.ToString()));
        Assert.Equal(("shipping.created", "admin", null), (audit.Action, audit.Actor, audit.Before));
        Assert.Contains("\"name\":\"Courier\"", audit.After);
    }

    [Fact]
    public void Snapshots_AreCompactJson_AndPrettyPrintIndents()
    {
        var json = AuditSnapshot.Of(new { Name = "Gold & Co", PercentOff = 10 });

        Assert.Equal("{\"name\":\"Gold & Co\",\"percentOff\":10}", json);
        Assert.Equal("{\n  \"name\": \"Gold & Co\",\n  \"percentOff\": 10\n}", AuditSnapshot.Pretty(json).Replace("\r\n", "\n"));
        Assert.Equal("not json", AuditSnapshot.Pretty("not json"));
        Assert.Equal("", AuditSnapshot.Pretty(null));
    }
}
