using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Upstream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Frikommune.Edge.Tests.Install;

/// <summary>
/// Each long-running loop, really blocked in turn (a hung dependency, a held database lock, a handler that never
/// returns): its beat stops, the watchdog stops sending <c>WATCHDOG=1</c>, and it resumes once the loop is free.
/// </summary>
public sealed class LoopsWatchedTests : IDisposable
{
    static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero));
    readonly TempDirectory _dir = new();
    readonly LoopHealth _health;
    readonly SystemdWatchdog _watchdog;
    readonly Notifier _notifier = new();

    public LoopsWatchedTests()
    {
        _health = new LoopHealth(_time);
        _watchdog = new SystemdWatchdog(_health, new WatchdogEnvironment(true, Period), Substitute.For<IHostApplicationLifetime>(), _time,
            NullLogger<SystemdWatchdog>.Instance, _notifier);
        _watchdog.RegisterHostLoop(TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task A_hung_alarm_publisher_stops_the_watchdog()
    {
        var database = Database();
        await using var audit = new SqliteAuditTrail(database, _time);
        var upstream = new BlockingUpstream();
        var publisher = new AlarmPublisher(new SqliteAlarmOutbox(database, audit), upstream, _time, NullLogger<AlarmPublisher>.Instance, _health);
        await publisher.StartAsync(CancellationToken.None);
        await AssertWatchedAsync(AlarmPublisher.LoopName, block: () => upstream.Gate.Reset(), unblock: () => upstream.Gate.Set());
        await publisher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_stuck_audit_writer_stops_the_watchdog()
    {
        var database = Database();
        await using var audit = new SqliteAuditTrail(database, _time);
        _health.Register(SqliteAuditTrail.LoopName, TimeSpan.FromSeconds(40));
        audit.Beat += () => _health.Beat(SqliteAuditTrail.LoopName);
        using var holder = database.Open();
        Microsoft.Data.Sqlite.SqliteTransaction? held = null;
        Task<long>? append = null;
        await AssertWatchedAsync(SqliteAuditTrail.LoopName, TimeSpan.FromSeconds(45),
            block: () =>
            {
                held = holder.BeginTransaction(deferred: false); // another process holds the file's write lock
                append = audit.AppendAsync(new AuditEntry("test"));
            },
            unblock: () => held!.Rollback());
        await append!.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_hung_inbound_handler_stops_the_watchdog_for_its_lane()
    {
        var dispatcher = new InboundDispatcher(new GatewayMetrics(), new DropLog(_time, NullLogger<DropLog>.Instance), _time, _health);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Add("P/sensors/+", PayloadKind.Bytes, _ => gate.Task, InboundLanes.Sensors);
        var lane = Assert.Single(dispatcher.Lanes);
        await AssertWatchedAsync(lane,
            block: () => _ = dispatcher.DispatchAsync("P/sensors/bed-1", new System.Buffers.ReadOnlySequence<byte>("{}"u8.ToArray()), false),
            unblock: () => gate.TrySetResult());
        await dispatcher.CompleteAsync();
    }

    [Fact]
    public async Task A_door_event_pump_stuck_on_its_audit_record_stops_the_watchdog()
    {
        var audit = new HangingAudit();
        using var desk = new AlarmDesk("site", new AlarmsOptions(), Substitute.For<IAlarmOutbox>(), _time);
        var pump = new DoorEventPump(audit, desk, new NoUpstream("P"), NullLogger<DoorEventPump>.Instance, _time, _health);
        await pump.StartAsync(CancellationToken.None);
        await AssertWatchedAsync(DoorEventPump.LoopName,
            block: () => pump.OnDoorEvent(new DoorReleased("door-1", _time.GetUtcNow(), "button", TimeSpan.FromSeconds(5))),
            unblock: () => audit.Gate.TrySetResult(1));
        await pump.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Healthy first; then blocked: after its allowed silence the loop is named and nothing is fed; then free again:
    /// it beats and the feeding resumes.
    /// </summary>
    async Task AssertWatchedAsync(string loop, Action block, Action unblock) => await AssertWatchedAsync(loop, TimeSpan.FromSeconds(12), block, unblock);

    async Task AssertWatchedAsync(string loop, TimeSpan silence, Action block, Action unblock)
    {
        await StepUntilAsync(() => !_health.Silent().Contains(loop), "healthy before");
        _watchdog.Tick(_notifier);
        Assert.Equal("WATCHDOG=1", _notifier.Last);

        block();
        for (var waited = TimeSpan.Zero; waited <= silence; waited += Period)
        {
            _time.Advance(Period);
            await Task.Delay(5);
        }
        Assert.Contains(loop, _health.Silent());
        _notifier.Sent.Clear();
        _watchdog.Tick(_notifier);
        Assert.DoesNotContain("WATCHDOG=1", _notifier.Sent);
        Assert.StartsWith("STATUS=unhealthy", _notifier.Last);

        unblock();
        await StepUntilAsync(() => _health.IsHealthy(out _), "healthy again");
        _watchdog.Tick(_notifier);
        Assert.Equal("WATCHDOG=1", _notifier.Last);
    }

    async Task StepUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what}: silent loops {string.Join(", ", _health.Silent())}");
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10);
        }
    }

    Database Database()
    {
        var database = new Database(_dir.File("gateway.db"));
        database.Migrate(GatewayStorage.Schemas);
        return database;
    }

    public void Dispose() => _dir.Dispose();

    sealed class Notifier : ISystemdNotifier
    {
        public List<string> Sent { get; } = [];
        public string? Last => Sent.LastOrDefault();
        public bool IsEnabled => true;
        public void Notify(ServiceState state) => Sent.Add(state.ToString());
    }

    /// <summary>A broker client whose state can hang (as a wedged library call would), blocking whoever asks.</summary>
    sealed class BlockingUpstream : IUpstream
    {
        public ManualResetEventSlim Gate { get; } = new(true);
        public bool IsConnected { get { Gate.Wait(TimeSpan.FromSeconds(30)); return true; } }
        public event Action? ConnectionChanged { add { } remove { } }
        public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public string Topic(string suffix) => $"P/{suffix}";
    }

    sealed class HangingAudit : IAuditTrail
    {
        public TaskCompletionSource<long> Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) => Gate.Task.WaitAsync(cancellationToken);
    }
}
