using System.Buffers;
using Frikommune.Edge.Metrics;
using MQTTnet;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// The one inbound codec layer: every message on every subscription passes <see cref="InboundGuard"/>,
/// then each matching handler runs; a drop or a failing handler is counted per topic and logged with the
/// topic only, never the content, and the next message is handled as if nothing happened.
/// </summary>
public sealed class InboundDispatcher(GatewayMetrics metrics, DropLog log)
{
    public const string DroppedMetric = "frikommune_mqtt_dropped_total";
    public const string HandlerFailed = "handler-failed";
    readonly Lock _lock = new();
    Subscription[] _subscriptions = [];

    public IReadOnlyList<string> Filters
    {
        get { lock (_lock) return _subscriptions.Select(s => s.Filter).Distinct().ToList(); }
    }

    public IDisposable Add(string filter, PayloadKind expects, Func<InboundMessage, Task> handler)
    {
        var subscription = new Subscription(filter, expects, handler, this);
        lock (_lock) _subscriptions = [.. _subscriptions, subscription];
        return subscription;
    }

    void Remove(Subscription subscription)
    {
        lock (_lock) _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
    }

    public async Task DispatchAsync(string topic, ReadOnlySequence<byte> payload, bool retain, string? responseTopic = null, byte[]? correlationData = null)
    {
        var matching = _subscriptions.Where(s => MqttTopicFilterComparer.Compare(topic, s.Filter) == MqttTopicFilterCompareResult.IsMatch).ToList();
        if (matching.Count == 0) return;
        if (payload.Length > InboundGuard.MaxPayloadBytes) { Drop(topic, InboundGuard.TooLarge); return; }
        var bytes = payload.ToArray();
        var message = new InboundMessage(topic, bytes, retain) { ResponseTopic = responseTopic, CorrelationData = correlationData };
        foreach (var subscription in matching)
        {
            if (InboundGuard.Check(bytes, subscription.Expects) is { } reason) { Drop(topic, reason); continue; }
            try { await subscription.Handler(message).ConfigureAwait(false); }
            catch (InboundRejectedException e) { Drop(topic, e.Reason); }
            catch (Exception e) { Drop(topic, HandlerFailed, e); }
        }
    }

    void Drop(string topic, string reason, Exception? error = null)
    {
        metrics.Increment(DroppedMetric, $"{GatewayMetrics.Label("topic", topic)},{GatewayMetrics.Label("reason", reason)}");
        log.Dropped(topic, reason, error);
    }

    sealed record Subscription(string Filter, PayloadKind Expects, Func<InboundMessage, Task> Handler, InboundDispatcher Owner) : IDisposable
    {
        public void Dispose() => Owner.Remove(this);
    }
}
