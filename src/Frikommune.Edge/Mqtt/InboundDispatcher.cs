using System.Buffers;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Metrics;
using MQTTnet;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// The one inbound codec layer: every message on every subscription passes <see cref="InboundGuard"/>,
/// then each matching handler runs; a drop or a failing handler is counted per topic and logged with the
/// topic only, never the content, and the next message is handled as if nothing happened.
/// </summary>
/// <remarks>
/// MQTTnet's receive callback only matches the topic, copies the payload and queues it on its subscription's
/// <see cref="InboundLanes">lane</see> (a bounded channel); one loop per lane runs guard and handlers. So a slow
/// handler (a decision import) never holds up the broker connection or a sensor's alarm, and a full lane pushes
/// back on the broker instead of growing without bound.
/// </remarks>
public sealed class InboundDispatcher(GatewayMetrics metrics, DropLog log, TimeProvider? time = null, LoopHealth? health = null)
{
    public const string DroppedMetric = "frikommune_mqtt_dropped_total";
    public const string HandlerFailed = "handler-failed";
    const int LaneCapacity = 8192;
    static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(1);
    readonly TimeProvider _time = time ?? TimeProvider.System;
    readonly Lock _lock = new();
    readonly Dictionary<string, InboundLane> _lanes = new(StringComparer.Ordinal);
    Subscription[] _subscriptions = [];

    public IReadOnlyList<string> Filters
    {
        get { lock (_lock) return _subscriptions.Select(s => s.Filter).Distinct().ToList(); }
    }

    /// <summary>The loop names of the lanes in use (each beats <see cref="LoopHealth"/>).</summary>
    public IReadOnlyCollection<string> Lanes
    {
        get { lock (_lock) return _lanes.Values.Select(l => l.LoopName).ToList(); }
    }

    public IDisposable Add(string filter, PayloadKind expects, Func<InboundMessage, Task> handler, string lane = InboundLanes.Default)
    {
        var subscription = new Subscription(filter, expects, handler, this, Lane(lane));
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions, subscription];
            _routes = Routes.Of(_subscriptions);
        }
        return subscription;
    }

    InboundLane Lane(string name)
    {
        lock (_lock)
        {
            if (!_lanes.TryGetValue(name, out var lane))
                _lanes[name] = lane = new InboundLane(name, this, _time, health, LaneCapacity, BeatEvery, handOnInline: name == InboundLanes.Sensors);
            return lane;
        }
    }

    void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
            _routes = Routes.Of(_subscriptions);
        }
    }

    /// <summary>From MQTTnet's receive callback: match, copy and queue; waits only while a lane is full.</summary>
    public async Task DispatchAsync(string topic, ReadOnlySequence<byte> payload, bool retain, string? responseTopic = null, byte[]? correlationData = null)
    {
        var matching = Matching(topic);
        if (matching.Length == 0) return;
        AlarmPathTrace.Mark(AlarmPathTrace.Hop.Received);
        if (Sensors.PayloadGuard.CheckSize(payload.Length) is { } tooBig) { Drop(topic, tooBig); return; }
        var message = new InboundMessage(topic, payload.ToArray(), retain) { ResponseTopic = responseTopic, CorrelationData = correlationData };
        if (matching.Length == 1) { await matching[0].Lane.QueueAsync(message, matching).ConfigureAwait(false); return; }
        foreach (var group in matching.GroupBy(s => s.Lane))
            await group.Key.QueueAsync(message, group.ToArray()).ConfigureAwait(false);
    }

    /// <summary>Guard and handlers for one message, on its lane's loop (or directly, in tests).</summary>
    internal async Task HandleAsync(InboundMessage message, IReadOnlyList<Subscription> matching)
    {
        AlarmPathTrace.Mark(AlarmPathTrace.Hop.Handled);
        foreach (var subscription in matching)
        {
            if (InboundGuard.Check(message.Payload.Span, subscription.Expects) is { } reason) { Drop(message.Topic, reason); continue; }
            try { await subscription.Handler(message).ConfigureAwait(false); }
            catch (InboundRejectedException e) { Drop(message.Topic, e.Reason); }
            catch (Exception e) { Drop(message.Topic, HandlerFailed, e); }
        }
    }

    Subscription[] Matching(string topic)
    {
        var routes = _routes;
        // Most traffic is sensors on exact topics: a dictionary look-up, then only the filters with wildcards. The
        // exact routes' array is handed on as it is (routes are rebuilt, never changed), so a flood allocates nothing here.
        var exact = routes.Exact.GetValueOrDefault(topic) ?? [];
        List<Subscription>? more = null;
        foreach (var s in routes.Wildcards)
            if (MqttTopicFilterComparer.Compare(topic, s.Filter) == MqttTopicFilterCompareResult.IsMatch) (more ??= [.. exact]).Add(s);
        return more is null ? exact : [.. more];
    }

    Routes _routes = Routes.Empty;

    sealed record Routes(Dictionary<string, Subscription[]> Exact, Subscription[] Wildcards)
    {
        public static readonly Routes Empty = new(new Dictionary<string, Subscription[]>(StringComparer.Ordinal), []);

        public static Routes Of(Subscription[] all) => new(
            all.Where(s => !IsWildcard(s.Filter)).GroupBy(s => s.Filter, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal),
            all.Where(s => IsWildcard(s.Filter)).ToArray());

        static bool IsWildcard(string filter) => filter.Contains('+') || filter.Contains('#');
    }

    /// <summary>Every lane's queue handled; for a clean stop.</summary>
    public Task CompleteAsync()
    {
        lock (_lock) return Task.WhenAll(_lanes.Values.Select(l => l.CompleteAsync()));
    }

    void Drop(string topic, string reason, Exception? error = null)
    {
        metrics.Counter(DroppedMetric, "Inbound MQTT messages dropped by the codec layer, by topic and reason")
            .Add(1, GatewayMetrics.Tag("topic", topic), GatewayMetrics.Tag("reason", reason));
        log.Dropped(topic, reason, error);
    }

    internal sealed record Subscription(string Filter, PayloadKind Expects, Func<InboundMessage, Task> Handler, InboundDispatcher Owner, InboundLane Lane) : IDisposable
    {
        public void Dispose() => Owner.Remove(this);
    }
}
