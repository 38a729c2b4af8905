using Frikommune.Edge.Clock;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Clock;

public sealed class ClockTrustTests : IDisposable
{
    static readonly DateTimeOffset Build = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    readonly TempDirectory _dir = new();
    readonly Database _database;

    public ClockTrustTests()
    {
        _database = new Database(_dir.File("gateway.db"));
        _database.Migrate([new ClockSchema()]);
    }

    ClockTrustMonitor Monitor(TimeProvider time, bool requireSync = false, bool? synced = true) =>
        new(time, new ClockOptions { RequireSync = requireSync, ToleranceSeconds = 120 }, new ClockMarkRows(_database), () => synced, Build);

    [Fact]
    public void A_clock_before_the_build_date_is_not_trusted()
    {
        using var monitor = Monitor(new FakeTimeProvider(Build.AddDays(-1)));
        Assert.False(monitor.IsTrusted);
        Assert.Contains("build date", monitor.Problem);
    }

    [Fact]
    public void A_clock_set_back_behind_the_persisted_mark_is_not_trusted_after_a_restart()
    {
        using (var first = Monitor(new FakeTimeProvider(Now))) Assert.True(first.IsTrusted);
        using var small = Monitor(new FakeTimeProvider(Now.AddSeconds(-60)));
        Assert.True(small.IsTrusted); // within the tolerance
        using var back = Monitor(new FakeTimeProvider(Now.AddHours(-1)));
        Assert.False(back.IsTrusted);
        Assert.Contains("set back", back.Problem);
    }

    [Fact]
    public void The_mark_follows_time_and_trust_returns_once_the_clock_passes_it()
    {
        var time = new FakeTimeProvider(Now);
        using (var m = Monitor(time)) { time.Advance(TimeSpan.FromHours(2)); m.Evaluate(); }
        var later = new FakeTimeProvider(Now.AddHours(1));
        using var monitor = Monitor(later);
        var changes = 0;
        using var watch = monitor.Subscribe(new Counting(() => changes++));
        Assert.False(monitor.IsTrusted);
        monitor.Start(TimeSpan.FromSeconds(5));
        later.Advance(TimeSpan.FromMinutes(59));
        Assert.True(monitor.IsTrusted);
        Assert.Equal(1, changes);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public void With_RequireSync_the_kernel_must_report_synchronisation(bool? synced, bool trusted)
    {
        using var monitor = Monitor(new FakeTimeProvider(Now), requireSync: true, synced: synced);
        Assert.Equal(trusted, monitor.IsTrusted);
    }

    [Fact]
    public void The_kernel_can_be_asked_on_linux() =>
        Assert.NotNull(KernelClock.IsSynchronised());

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    sealed class Counting(Action changed) : IClockTrustObserver
    {
        public void OnClockTrustChanged() => changed();
    }
}
