using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Frikommune.Edge.Storage;

/// <summary>Ready when the database answers a query: without storage no decision, alarm or audit record can be kept.</summary>
public sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = database.Open();
            Database.Execute(connection, "SELECT 1");
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"storage not available: {e.Message}", e));
        }
    }
}
