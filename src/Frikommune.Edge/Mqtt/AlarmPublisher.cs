using System.Threading.Channels;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Upstream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Frikommune.Edge.Health;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// Publishes the alarm outbox at least once: <c>P/alarms/&lt;id&gt;</c> retained while open; on resolve the resolved
/// state, then the retained message cleared. A row is marked only after the broker's PUBACK, so a broker outage, a
/// restart or a power cut delays alarms but never loses one.
/// </summary>
/// <remarks>
/// One loop owns all state and reads every event from one channel (a durable change, a finished publish, a
/// reconnect, the heartbeat tick), so a wake-up cannot be lost: it is a message that waits in the channel until
/// read. Up to <see cref="Window"/> publishes are in flight at once, but never two of the same alarm, so the
/// retained <c>P/alarms/&lt;id&gt;</c> always ends at the latest state.
/// </remarks>
public sealed class AlarmPublisher(SqliteAlarmOutbox outbox, IUpstream upstream, TimeProvider time, ILogger<AlarmPublisher> log,
    LoopHealth? health = null) : BackgroundService, IAlarmOutboxObserver, IUpstreamObserver
{
    public const string LoopName = "alarm-publisher";
    public const int Window = 16;
    const int ReloadLimit = 1000;
    static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(1);

    readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true });
    readonly SortedDictionary<long, OutboxItem> _waiting = [];
    readonly HashSet<long> _sending = [];
    readonly List<long> _published = [];
    bool _reload = true;
    long _pausedUntil;

    /// <summary>Alarm changes handed to the upstream and acknowledged since start (for tests and benchmarks).</summary>
    public long PublishedCount { get; private set; }

    /// <summary>Changes known and not yet acknowledged by the broker.</summary>
    public int Backlog => Volatile.Read(ref _backlog);
    int _backlog;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var feed = outbox.Subscribe(this);
        using var watch = upstream.Subscribe(this);
        health?.Register(LoopName, TickEvery * 10);
        using var tick = time.CreateTimer(_ => _signals.Writer.TryWrite(Signal.Tick), null, TickEvery, TickEvery);
        try
        {
            do
            {
                while (_signals.Reader.TryRead(out var signal)) Apply(signal);
                health?.Beat(LoopName);
                if (_reload && _waiting.Count == 0 && upstream.IsConnected) Reload();
                Dispatch(stopping);
                MarkPublished();
                Volatile.Write(ref _backlog, _waiting.Count);
            }
            while (await _signals.Reader.WaitToReadAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        finally
        {
            health?.Unregister(LoopName);
        }
    }

    void IAlarmOutboxObserver.OnDurable(OutboxItem item) => _signals.Writer.TryWrite(new Signal.Added(item));

    void IUpstreamObserver.OnConnectionChanged() => _signals.Writer.TryWrite(Signal.Connection);

    void Apply(Signal signal)
    {
        switch (signal)
        {
            case Signal.Added added:
                Metrics.AlarmPathTrace.Mark(Metrics.AlarmPathTrace.Hop.PublisherTook);
                _waiting.TryAdd(added.Item.Seq, added.Item);
                break;
            case Signal.Done { Ok: true } done:
                _sending.Remove(done.Item.Seq);
                _waiting.Remove(done.Item.Seq);
                _published.Add(done.Item.Seq);
                PublishedCount++;
                break;
            case Signal.Done failed:
                _sending.Remove(failed.Item.Seq);
                _pausedUntil = time.GetTimestamp() + (long)(RetryEvery.TotalSeconds * time.TimestampFrequency);
                break;
            case var _ when ReferenceEquals(signal, Signal.Connection):
                _pausedUntil = 0;
                _reload = true;
                break;
        }
    }

    /// <summary>At start and after each reconnect: what is stored and not yet published (e.g. from before a restart).</summary>
    void Reload()
    {
        try
        {
            var pending = outbox.ReadPending(ReloadLimit);
            foreach (var item in pending) _waiting.TryAdd(item.Seq, item);
            _reload = pending.Count == ReloadLimit;
        }
        catch (Exception e) { log.LogWarning("Alarm outbox could not be read: {Problem}; trying again", e.Message); }
    }

    void Dispatch(CancellationToken stopping)
    {
        if (!upstream.IsConnected || time.GetTimestamp() < _pausedUntil) return;
        HashSet<string>? taken = null;
        foreach (var item in _waiting.Values)
        {
            if (_sending.Count >= Window) return;
            taken ??= new HashSet<string>(StringComparer.Ordinal);
            // The first waiting change of each alarm goes; the later ones wait for its PUBACK.
            if (!taken.Add(item.AlarmId) || _sending.Contains(item.Seq)) continue;
            _sending.Add(item.Seq);
            _ = SendAsync(item, stopping);
        }
    }

    async Task SendAsync(OutboxItem item, CancellationToken stopping)
    {
        var ok = false;
        try
        {
            var topic = upstream.Topic($"alarms/{item.AlarmId}");
            await upstream.PublishAsync(topic, item.Payload, retain: !item.Resolved, stopping).ConfigureAwait(false);
            if (item.Resolved) await upstream.PublishAsync(topic, ReadOnlyMemory<byte>.Empty, retain: true, stopping).ConfigureAwait(false);
            ok = true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            log.LogWarning("Alarm publishing paused: {Problem}; unpublished alarms stay in the outbox", e.Message);
        }
        catch (OperationCanceledException) { return; }
        _signals.Writer.TryWrite(new Signal.Done(item, ok));
    }

    void MarkPublished()
    {
        if (_published.Count == 0) return;
        try { outbox.MarkPublished(_published, time.GetUtcNow()); }
        catch (Exception e) { log.LogWarning("Could not mark published alarms ({Problem}); they may be sent again", e.Message); }
        _published.Clear();
    }

    abstract class Signal
    {
        public static readonly Signal Tick = new Marker();
        public static readonly Signal Connection = new Marker();
        public sealed class Added(OutboxItem item) : Signal { public OutboxItem Item { get; } = item; }
        public sealed class Done(OutboxItem item, bool ok) : Signal
        {
            public OutboxItem Item { get; } = item;
            public bool Ok { get; } = ok;
        }
        sealed class Marker : Signal;
    }
}
