using Microsoft.Extensions.Diagnostics.HealthChecks;
using Storefront.Data;

namespace Storefront.Web.Infrastructure;

/// <summary>Healthy when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(StorefrontDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("Database reachable.")
                : HealthCheckResult.Unhealthy("Database unreachable.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database check failed.", ex);
        }
    }
}
