using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Frikommune.Edge.Tests.Hosting;

public sealed class GatewayLifecycleTests : IDisposable
{
    readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_stop_whose_time_runs_out_on_a_busy_disk_still_ends_cleanly_and_writes_gateway_stopped()
    {
        var database = _dir.GatewayDatabase();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
        var audit = new SqliteAuditTrail(database, time);
        using var clock = new ClockTrustMonitor(time, new ClockOptions { RequireSync = false, ToleranceSeconds = 120 }, Substitute.For<IClockMark>(), () => true);
        var lifecycle = new GatewayLifecycle(audit, clock, new GatewayRun(_dir.Path, Simulate: false), new SiteOptions { Id = "herning-bo1" },
            new ConfigurationBuilder().Build(), [], NullLogger<GatewayLifecycle>.Instance);

        using var other = database.Open();
        var held = other.BeginTransaction(deferred: false); // a CLI command holds the file's write lock
        using var timeUp = new CancellationTokenSource();
        await timeUp.CancelAsync();                          // the host's stop time has already run out
        var stop = lifecycle.StopAsync(timeUp.Token);
        Assert.False(stop.IsCompleted);                      // still closing the trail, not thrown
        held.Rollback();
        await stop.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("gateway-stopped", new AuditReader(database).ReadLast(1).Single().Entry.Kind);
    }

    public void Dispose() => _dir.Dispose();
}
