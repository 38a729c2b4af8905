using System.Collections.Concurrent;
using System.Text;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Upstream;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Health;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Tests.Alarms;

namespace Frikommune.Edge.Tests.Mqtt;

/// <summary>
/// The desk, the durable journal (real SQLite) and the publisher on a fake clock: an alarm is handed to MQTT the
/// moment it is durable, however long everything was idle before, and never two publishes of one alarm at once.
/// </summary>
public sealed class AlarmPublisherTests : IAsyncLifetime
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);
    readonly TempDirectory _dir = new();
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
    readonly FakeUpstream _upstream = new();
    Database _database = null!;
    SqliteAuditTrail _audit = null!;
    SqliteAlarmOutbox _outbox = null!;
    AlarmDesk _desk = null!;
    AlarmPublisher _publisher = null!;
    LoopHealth _health = null!;

    public async Task InitializeAsync()
    {
        _database = _dir.GatewayDatabase();
        _audit = new SqliteAuditTrail(_database, _time);
        _outbox = new SqliteAlarmOutbox(_database, _audit);
        _desk = new AlarmDesk("site", new AlarmsOptions { AckTimeoutSeconds = 3600 * 24 }, _outbox, _time);
        _health = new LoopHealth(_time);
        _publisher = new AlarmPublisher(_outbox, _upstream, _time, NullLogger<AlarmPublisher>.Instance, _health);
        await _publisher.StartAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(720, 5)]    // an hour of quiet, in the old retry period's steps
    [InlineData(1000, 5)]   // a thousand idle periods
    [InlineData(7, 3600)]   // a week of quiet nights, hour by hour
    public async Task After_a_long_idle_an_alarm_is_handed_to_mqtt_at_once_without_the_clock_moving(int periods, int seconds)
    {
        for (var i = 0; i < periods; i++) _time.Advance(TimeSpan.FromSeconds(seconds));
        await Eventually.TrueAsync(() => _health.IsHealthy(out _), Bound, "publisher beats while idle");

        var alarm = _desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm;

        // The fake clock stands still: only a wake-up that was not lost can publish now.
        await Eventually.TrueAsync(() => _upstream.Retained($"P/alarms/{alarm.Id}") is not null, Bound, "alarm published");
        Assert.Contains("\"state\":\"raised\"", _upstream.Retained($"P/alarms/{alarm.Id}"));
        var second = _desk.Raise(AlarmKind.Breathing, AlarmSubject.InRoom("room-14")).Alarm;
        await Eventually.TrueAsync(() => _upstream.Retained($"P/alarms/{second.Id}") is not null, Bound, "the next one too");
    }

    [Fact]
    public async Task The_change_alarm_row_and_audit_record_are_durable_together_before_the_publish()
    {
        var heard = new Heard();
        using var subscription = _outbox.Subscribe(heard);
        _upstream.OnPublish = topic => Assert.Equal(1, Count("SELECT count(*) FROM audit WHERE kind = 'alarm-raised'"));
        var alarm = _desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm;
        await Eventually.TrueAsync(() => _publisher.PublishedCount == 1, Bound);
        Assert.Equal(1, Count($"SELECT count(*) FROM alarms WHERE id = '{alarm.Id}'"));
        Assert.Equal(1, Count($"SELECT count(*) FROM alarm_outbox WHERE alarm_id = '{alarm.Id}'"));
        Assert.Equal(AlarmChangeKind.Raised, Assert.Single(heard).Change);
        await Eventually.TrueAsync(() => Count("SELECT count(*) FROM alarm_outbox WHERE published_at IS NULL") == 0, Bound, "marked published");
    }

    [Fact]
    public async Task Publishes_of_different_alarms_overlap_and_one_alarm_keeps_its_order()
    {
        _upstream.Hold = true;
        var first = _desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-1")).Alarm;
        var other = _desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-2")).Alarm;
        _desk.Acknowledge(first.Id, "bent");
        _desk.Resolve(first.Id, "bent");
        await Eventually.TrueAsync(() => _upstream.InFlight.Count == 2, Bound, "both raises in flight at once");
        Assert.Equal(2, _upstream.InFlight.Select(p => p.Topic).Distinct().Count());

        _upstream.Hold = false;
        _upstream.ReleaseAll();
        await Eventually.TrueAsync(() => _upstream.Sent.Count(s => s.Topic == $"P/alarms/{first.Id}") == 4, Bound, "raise, ack, resolved, cleared");
        var sent = _upstream.Sent.Where(s => s.Topic == $"P/alarms/{first.Id}").Select(s => s.Text).ToList();
        Assert.Contains("\"state\":\"raised\"", sent[0]);
        Assert.Contains("\"state\":\"acknowledged\"", sent[1]);
        Assert.Contains("\"state\":\"resolved\"", sent[2]);
        Assert.Equal("", sent[3]);
        Assert.Null(_upstream.Retained($"P/alarms/{first.Id}"));
        Assert.NotNull(_upstream.Retained($"P/alarms/{other.Id}"));
    }

    [Fact]
    public async Task A_failed_publish_is_retried_after_the_pause_and_nothing_is_lost()
    {
        _upstream.FailNext = 1;
        var alarm = _desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-1")).Alarm;
        await Eventually.TrueAsync(() => _upstream.Failures == 1, Bound);
        _time.Advance(TimeSpan.FromSeconds(6));
        await Eventually.TrueAsync(() => _upstream.Retained($"P/alarms/{alarm.Id}") is not null, Bound, "retried");
    }

    [Fact]
    public async Task A_change_that_cannot_be_stored_is_still_published_from_memory()
    {
        // Every write fails, as on a full or broken disk: staff are alerted all the same (fail toward staff alerted).
        using (var connection = _database.Open())
            Database.Execute(connection, "CREATE TRIGGER audit_fails BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        var alarm = _desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm;
        await Eventually.TrueAsync(() => _upstream.Retained($"P/alarms/{alarm.Id}") is not null, TimeSpan.FromSeconds(10), "published from memory");
        Assert.Equal(0, Count("SELECT count(*) FROM alarm_outbox"));
    }

    long Count(string sql)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public async Task DisposeAsync()
    {
        _upstream.ReleaseAll();
        await _publisher.StopAsync(CancellationToken.None);
        _desk.Dispose();
        await _audit.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>An upstream that records what it is given; it can hold publishes in flight, or fail them.</summary>
    sealed class FakeUpstream : IUpstream
    {
        readonly Lock _gate = new();
        readonly List<(string Topic, string Text, TaskCompletionSource Done)> _held = [];
        public bool IsConnected => true;
        public IDisposable Subscribe(IUpstreamObserver observer) => NoSubscription.Instance;
        public volatile bool Hold;
        public int FailNext;
        public int Failures;
        public Action<string>? OnPublish;
        public ConcurrentQueue<(string Topic, string Text)> Sent { get; } = new();
        readonly ConcurrentDictionary<string, string> _retained = new();

        public IReadOnlyList<(string Topic, string Text, TaskCompletionSource Done)> InFlight { get { lock (_gate) return [.. _held]; } }

        public string? Retained(string topic) => _retained.GetValueOrDefault(topic);

        public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Decrement(ref FailNext) >= 0) { Interlocked.Increment(ref Failures); throw new IOException("broker away"); }
            OnPublish?.Invoke(topic);
            var text = Encoding.UTF8.GetString(payload.Span);
            if (Hold)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_gate) _held.Add((topic, text, done));
                await done.Task.WaitAsync(cancellationToken);
            }
            Sent.Enqueue((topic, text));
            if (retain && text.Length == 0) _retained.TryRemove(topic, out _);
            else if (retain) _retained[topic] = text;
        }

        public void ReleaseAll()
        {
            lock (_gate)
            {
                foreach (var h in _held) h.Done.TrySetResult();
                _held.Clear();
            }
        }

        public string Topic(string suffix) => $"P/{suffix}";
    }

    sealed class Heard : ConcurrentQueue<AlarmChange>, IAlarmObserver
    {
        public void OnDurable(AlarmChange change) => Enqueue(change);
    }
}
