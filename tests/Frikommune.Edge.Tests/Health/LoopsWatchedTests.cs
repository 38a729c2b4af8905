using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Decisions;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Upstream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Frikommune.Edge.Health;
using Frikommune.Edge.Tests.Install;

namespace Frikommune.Edge.Tests.Health;

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
        await using var audit = new SqliteAuditTrail(database, _time, health: _health);
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

    [Fact]
    public async Task A_send_loop_stuck_handing_on_a_message_stops_the_watchdog()
    {
        using var broker = await Mosquitto.StartAsync();
        await using var connection = await ConnectAsync(broker);
        using var payload = new BlockingPayload();
        await AssertWatchedAsync(MqttConnection.SendLoop,
            block: () => _ = connection.PublishAsync(new OutboundMessage("P/test/stuck", payload.Memory)),
            unblock: () => payload.Gate.Set());
    }

    [Fact]
    public async Task A_broker_that_stops_answering_the_receive_probe_stops_the_watchdog()
    {
        using var broker = await Mosquitto.StartAsync();
        await using var connection = await ConnectAsync(broker);
        try
        {
            // The probe may wait 10 s for its PINGRESP and then 5 s more before it asks again: 25 s of silence are allowed.
            await AssertWatchedAsync(MqttConnection.ReceiveLoop, TimeSpan.FromSeconds(30), block: broker.Pause, unblock: broker.Resume);
        }
        finally { broker.Resume(); }
    }

    [Fact]
    public async Task A_door_stuck_inside_its_lock_stops_the_door_timer_watchdog()
    {
        using var door = new DoorStateMachine(new DoorOptions { Id = "door-1" }, _time);
        var observer = new HangingObserver();
        door.Subscribe(observer);
        door.Start();
        var watch = new DoorTimerWatch(() => [door], _time, _health);
        await watch.StartAsync(CancellationToken.None);
        Task? input = null;
        await AssertWatchedAsync(DoorTimerWatch.LoopName,
            block: () =>
            {
                observer.Gate.Reset();
                input = Task.Run(() => door.SetContact(true)); // its observer hangs while the door's lock is held
            },
            unblock: () => observer.Gate.Set());
        await input!.WaitAsync(TimeSpan.FromSeconds(10));
        await watch.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_decision_timeline_stuck_on_an_expiry_stops_the_watchdog()
    {
        using var site = new TestSite();
        var audit = new HangingAudit();
        await using var services = GatewayComposition.ForCommand(site.Settings(), _time, s => s
            .AddSingleton<IAuditTrail>(audit).AddSingleton(Database()).AddSingleton<IClockTrust>(new SettableClockTrust()));
        var book = services.GetRequiredService<DecisionBook>();
        using var timeline = new DecisionTimeline(book, site.Settings().Run, NullLogger<DecisionTimeline>.Instance);
        await timeline.StartAsync(CancellationToken.None);
        using var watch = new DecisionTimelineWatch(timeline, book.Registry, _time, _health);
        await watch.StartAsync(CancellationToken.None);
        // The decision ends 3 s after the block; the timeline's expiry record then waits forever on the audit trail,
        // so the measure's end is never announced. AllowedLag (10 s) plus the loop's own 10 s: 25 s is enough to see it.
        await AssertWatchedAsync(DecisionTimelineWatch.LoopName, TimeSpan.FromSeconds(25),
            block: () => book.Registry.Add(EndingAt(_time.GetUtcNow().AddSeconds(3))),
            unblock: () => audit.Gate.TrySetResult(1));
        await watch.StopAsync(CancellationToken.None);
        await timeline.StopAsync(CancellationToken.None);
    }

    async Task<MqttConnection> ConnectAsync(Mosquitto broker)
    {
        var connection = new MqttConnection(new MqttEndpoint("127.0.0.1", broker.Port, "P", $"watched-{Guid.NewGuid():N}"), _time, new GatewayMetrics(),
            NullLogger<MqttConnection>.Instance, new DropLog(_time, NullLogger<DropLog>.Instance), health: _health);
        _ = connection.StartAsync(CancellationToken.None);
        await connection.WhenConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return connection;
    }

    static Decision EndingAt(DateTimeOffset expires) => new("d-watch-1", "herning-kommune", "resident-7f3a", "site", "kid",
        expires.AddDays(-2), expires.AddDays(-1), expires, "§14f", ["sleep-monitoring"], ["room-12"], [], new Consent("guardian", new DateOnly(2026, 11, 1)), null);

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

    Database Database() => _dir.GatewayDatabase();

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
        public IDisposable Subscribe(IUpstreamObserver observer) => NoSubscription.Instance;
        public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public string Topic(string suffix) => $"P/{suffix}";
    }

    /// <summary>A payload whose bytes cannot be read while <see cref="Gate"/> is reset: whoever copies it is held.</summary>
    sealed class BlockingPayload : System.Buffers.MemoryManager<byte>
    {
        readonly byte[] _bytes = "{}"u8.ToArray();
        int _reads;
        public ManualResetEventSlim Gate { get; } = new(false);

        // The first read is the test's own (MemoryManager.Memory asks for the length); only the send loop's read hangs.
        public override Span<byte> GetSpan()
        {
            if (Interlocked.Increment(ref _reads) > 1) Gate.Wait(TimeSpan.FromSeconds(30));
            return _bytes;
        }
        public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();
        public override void Unpin() { }
        protected override void Dispose(bool disposing) => Gate.Dispose();
    }

    sealed class HangingObserver : IDoorObserver
    {
        public ManualResetEventSlim Gate { get; } = new(true);
        public void OnDoorEvent(DoorEvent e) => Gate.Wait(TimeSpan.FromSeconds(30));
    }

    sealed class HangingAudit : IAuditTrail
    {
        public TaskCompletionSource<long> Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) => Gate.Task.WaitAsync(cancellationToken);
    }
}
