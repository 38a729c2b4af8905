using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Hosting;

/// <summary>Records start and clean stop in the audit trail, and runs the clock check.</summary>
sealed class GatewayLifecycle(IAuditTrail audit, ClockTrustMonitor clock, GatewayRun run, SiteOptions site, IConfiguration configuration, IEnumerable<BoundSection> sections,
    ILogger<GatewayLifecycle> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        clock.Start(TimeSpan.FromSeconds(5));
        await audit.AppendAsync(new AuditEntry("gateway-started")
        {
            Details = new Dictionary<string, string?>
            {
                ["version"] = GatewayVersion.Current,
                ["simulate"] = run.Simulate ? "true" : "false",
                ["clock"] = clock.IsTrusted ? "trusted" : clock.Problem,
            },
        }, cancellationToken);
        log.LogInformation("Frikommune.Edge {Version} started for site {Site} (config {Config})", GatewayVersion.Current, site.Id, run.ConfigDirectory);
        // Not a reason to refuse to start (the doors must work), but a typo must not go unnoticed: `config validate` fails on it.
        foreach (var problem in ConfigurationCheck.UnknownKeys(configuration, sections)) log.LogWarning("Configuration: {Problem}", problem);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Queued at once and written by the trail's close below even when the host's stop time runs out first:
        // a slow disk makes a late record, never a lost one or a failed stop.
        var stopped = audit.AppendAsync(new AuditEntry("gateway-stopped"), CancellationToken.None);
        clock.Dispose();
        try { await stopped.WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { log.LogWarning("Stop time ran out before gateway-stopped was durable; the audit trail writes it as it closes"); }
        if (audit is IAsyncDisposable d) await d.DisposeAsync();
    }
}
