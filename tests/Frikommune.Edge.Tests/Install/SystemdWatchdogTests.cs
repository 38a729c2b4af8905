using Frikommune.Edge.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Tests.Install;

public class SystemdWatchdogTests
{
    static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    readonly RecordingNotifier _notifier = new();
    readonly LoopHealth _health;
    readonly SystemdWatchdog _watchdog;

    public SystemdWatchdogTests()
    {
        _health = new LoopHealth(_time);
        var environment = new WatchdogEnvironment(NotifySocket: true, WatchdogInterval: Period);
        _watchdog = new SystemdWatchdog(_health, environment, Substitute.For<IHostApplicationLifetime>(), _time,
            NullLogger<SystemdWatchdog>.Instance, _notifier);
        _watchdog.RegisterHostLoop(Period);
    }

    [Fact]
    public void Feeds_the_watchdog_on_every_tick_while_the_only_loop_is_the_host()
    {
        for (var i = 0; i < 5; i++) { _watchdog.Tick(_notifier); _time.Advance(Period); }
        Assert.Equal(Enumerable.Repeat("WATCHDOG=1", 5), _notifier.Sent);
    }

    [Fact]
    public void A_silent_loop_stops_the_feeding_and_its_beat_resumes_it()
    {
        _health.Register("mqtt", TimeSpan.FromSeconds(3));
        for (var i = 0; i < 8; i++) { _watchdog.Tick(_notifier); _time.Advance(Period); }
        _health.Beat("mqtt");
        _watchdog.Tick(_notifier);

        Assert.Equal(["WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"], _notifier.Sent.Take(4));
        Assert.StartsWith("STATUS=unhealthy: loop 'mqtt' silent", _notifier.Sent[4]);
        Assert.Equal("WATCHDOG=1", _notifier.Sent[5]);
        Assert.Equal(6, _notifier.Sent.Count); // nothing fed (and STATUS said once) during the silence
    }

    [Fact]
    public void The_host_loop_itself_beats_on_each_tick_even_without_a_watchdog()
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(_health.IsHealthy(out _));
        _watchdog.Tick(feed: null);
        Assert.True(_health.IsHealthy(out _));
        Assert.Empty(_notifier.Sent);
    }

    [Theory]
    [InlineData("/run/systemd/notify", "30000000", null, 15.0)]
    [InlineData("/run/systemd/notify", "2000000", "4242", 1.0)]
    [InlineData("/run/systemd/notify", "2000000", "4243", null)] // WATCHDOG_PID names another process
    [InlineData("/run/systemd/notify", null, null, null)]
    [InlineData("/run/systemd/notify", "0", null, null)]
    [InlineData(null, "2000000", null, null)] // nowhere to send
    public void Reads_the_interval_from_the_environment(string? socket, string? usec, string? pid, double? seconds)
    {
        var variables = new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = socket, ["WATCHDOG_USEC"] = usec, ["WATCHDOG_PID"] = pid };
        var environment = WatchdogEnvironment.From(n => variables.GetValueOrDefault(n), processId: 4242);
        Assert.Equal(socket is not null, environment.NotifySocket);
        Assert.Equal(seconds, environment.WatchdogInterval?.TotalSeconds);
    }

    sealed class RecordingNotifier : ISystemdNotifier
    {
        public List<string> Sent { get; } = [];
        public bool IsEnabled => true;
        public void Notify(ServiceState state) => Sent.Add(state.ToString());
    }
}
