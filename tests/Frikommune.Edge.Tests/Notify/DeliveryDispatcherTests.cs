using System.Collections.Concurrent;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Notify;
using Frikommune.Edge.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Notify;

/// <summary>Routing, escalation and delivery tracking through the real alarm desk on a <see cref="FakeTimeProvider"/>.</summary>
public sealed class DeliveryDispatcherTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 23, 21, 4, 5, TimeSpan.Zero);
    readonly FakeTimeProvider _time = new(Start);
    readonly FakePager _pager = new();
    readonly DeliveryBook _book = new();
    readonly SafeAudit _audit = new();
    readonly GatewayMetrics _metrics = new();
    readonly Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long> _deliveries;
    readonly ConcurrentQueue<Task> _dispatches = new();
    readonly AlarmDesk _desk;
    readonly DeliveryDispatcher _dispatcher;

    public DeliveryDispatcherTests()
    {
        _deliveries = _metrics.Collect(DeliveryDispatcher.DeliveriesMetric);
        var options = new GatewayOptions
        {
            Doors = [new DoorOptions { Id = "door-west", Name = "Yderdør vest" }],
            Notify = new NotifyOptions
            {
                Receivers =
                [
                    new ReceiverOptions { Id = "night", CallAddress = "201" },
                    new ReceiverOptions { Id = "leader", CallAddress = "299", Level = 1, Priorities = ["high"] },
                ],
            },
        };
        // As the notifier does: off the desk's lock, one task per change.
        var outbox = new ForwardingOutbox(change => _dispatches.Enqueue(Task.Run(() => _dispatcher!.DispatchAsync(change))));
        _desk = new AlarmDesk("herning-bo1", new AlarmsOptions { AckTimeoutSeconds = 60 }, outbox, _time);
        _dispatcher = new DeliveryDispatcher(Receiver.From(options.Notify), _pager, _book, a => CallText.For(a, options.Doors), _desk, _audit, _metrics,
            NullLogger.Instance);
    }

    async Task SettledAsync()
    {
        while (_dispatches.TryDequeue(out var task)) await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_new_alarm_is_called_to_level_0_and_tracked_sent_then_confirmed_in_the_book_and_the_audit_trail()
    {
        var seizure = _desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm;
        await SettledAsync();

        var (receiver, call) = Assert.Single(_pager.Calls);
        Assert.Equal(("night", "Epileptisk anfald – rum 12", AlarmPriority.High), (receiver, call.Text, call.Priority));
        Assert.Equal([new AlarmDelivery("night", "confirmed")], _book.For(seizure.Id));
        Assert.Equal(["paging-call-sent", "paging-call-confirmed"], _audit.Kinds(seizure.Id));
        Assert.Equal("201", _audit.Entries.First().Details!["callAddress"]);
        Assert.Equal(1, _deliveries.Sum(("receiver", "night"), ("outcome", "confirmed")));
        Assert.Contains("\"deliveries\":[{\"receiver\":\"night\",\"state\":\"confirmed\"}]", AlarmJson.ToJson(seizure, _book.For(seizure.Id)));
    }

    [Fact]
    public async Task Each_escalation_goes_to_its_level_and_past_the_top_level_stays_there()
    {
        var seizure = _desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm;
        await SettledAsync();
        _time.Advance(TimeSpan.FromSeconds(60));
        await SettledAsync();
        Assert.Equal(("leader", "Epileptisk anfald – rum 12 (eskaleret 1)"), (_pager.Calls[^1].Receiver, _pager.Calls[^1].Call.Text));
        _time.Advance(TimeSpan.FromSeconds(60));
        await SettledAsync();
        Assert.Equal([("night", 0), ("leader", 1), ("leader", 2)], _pager.Calls.Select(c => (c.Receiver, c.Call.Escalation)));

        var bedExit = _desk.Raise(AlarmKind.DoorHeldOpen, AlarmSubject.AtDoor("door-west")).Alarm;
        _desk.Acknowledge(seizure.Id, "staff-1");
        await SettledAsync();
        _time.Advance(TimeSpan.FromSeconds(60));
        await SettledAsync();
        // Not taken by the high-only leader: escalation 1 of a medium alarm comes back to level 0; the acknowledged seizure is not called again.
        Assert.Equal(("night", "Dør holdt åben – Yderdør vest (eskaleret 1)"), (_pager.Calls[^1].Receiver, _pager.Calls[^1].Call.Text));
        Assert.Equal(3, _pager.Calls.Count(c => c.Call.AlarmId == seizure.Id));
        Assert.Equal(2, _pager.Calls.Count(c => c.Call.AlarmId == bedExit.Id));
    }

    [Fact]
    public async Task A_failed_receiver_raises_a_technical_alarm_and_the_next_level_is_called_at_once()
    {
        _pager.Dead.Add("night");
        var seizure = _desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm;
        await SettledAsync();

        Assert.Equal(["night", "leader"], _pager.Calls.Where(c => c.Call.AlarmId == seizure.Id).Select(c => c.Receiver));
        Assert.Equal(0, seizure.Escalation);
        Assert.Equal(Start, _time.GetUtcNow()); // no time passed: not the ack timeout's escalation
        Assert.Equal([new AlarmDelivery("night", "failed"), new AlarmDelivery("leader", "confirmed")], _book.For(seizure.Id));
        var failed = Assert.Single(_audit.Entries, e => e.Kind == "paging-call-failed" && e.Refs.Alarm == seizure.Id);
        Assert.Equal("line down", failed.Details!["error"]);
        var technical = Assert.Single(_desk.Open(), a => a.Kind == AlarmKind.Technical);
        Assert.Equal("paging:night", technical.Source);

        _pager.Dead.Clear();
        _dispatcher.ClearTechnical(_dispatcher.Receivers[0]);
        Assert.DoesNotContain(_desk.Open(), a => a.Kind == AlarmKind.Technical);
    }

    sealed class FakePager : IPager
    {
        public IDisposable Subscribe(IPagerHealthObserver observer) => new Frikommune.Edge.Observing.Observers<IPagerHealthObserver>().Add(observer);

        public List<(string Receiver, PageCall Call)> Calls { get; } = [];
        public HashSet<string> Dead { get; } = [];

        public Task<PageResult> PageAsync(Receiver receiver, PageCall call, Action onSent)
        {
            lock (Calls) Calls.Add((receiver.Id, call));
            if (Dead.Contains(receiver.Id)) return Task.FromResult(new PageResult(false, "line down"));
            onSent();
            return Task.FromResult(new PageResult(true, null));
        }

        public (bool Up, string? LastError) Health(Receiver receiver) => (!Dead.Contains(receiver.Id), null);
    }

    sealed class ForwardingOutbox(Action<AlarmChange> changed) : IAlarmOutbox
    {
        public void Enqueue(AlarmChange change) => changed(change);
    }

    sealed class SafeAudit : IAuditTrail
    {
        readonly ConcurrentQueue<AuditEntry> _entries = new();
        public IEnumerable<AuditEntry> Entries => _entries;
        public string[] Kinds(string alarm) => _entries.Where(e => e.Refs.Alarm == alarm).Select(e => e.Kind).ToArray();

        public Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
        {
            _entries.Enqueue(entry);
            return Task.FromResult((long)_entries.Count);
        }
    }
}
