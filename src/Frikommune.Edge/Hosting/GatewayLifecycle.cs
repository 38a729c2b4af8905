using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Hosting;

/// <summary>Records start and clean stop in the audit trail, and runs the clock check.</summary>
sealed class GatewayLifecycle(IAuditTrail audit, ClockTrustMonitor clock, GatewaySettings settings, ILogger<GatewayLifecycle> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        clock.Start(TimeSpan.FromSeconds(5));
        await audit.AppendAsync(new AuditEntry("gateway-started")
        {
            Details = new Dictionary<string, string?>
            {
                ["version"] = GatewayVersion.Current,
                ["simulate"] = settings.Simulate ? "true" : "false",
                ["clock"] = clock.IsTrusted ? "trusted" : clock.Problem,
            },
        }, cancellationToken);
        log.LogInformation("Frikommune.Edge {Version} started for site {Site} (config {Config})", GatewayVersion.Current, settings.Options.Site.Id, settings.ConfigDirectory);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await audit.AppendAsync(new AuditEntry("gateway-stopped"), cancellationToken);
        clock.Dispose();
        if (audit is IAsyncDisposable d) await d.DisposeAsync();
    }
}
