using MQTTnet;
using MQTTnet.Protocol;
using Frikommune.Edge.Metrics;

namespace Frikommune.Edge.Mqtt;

public sealed partial class MqttConnection
{
    public const string OutboxDroppedMetric = "frikommune_mqtt_outbox_dropped_total";
    readonly GatewayMetrics _metrics;
    readonly Outbox _outbox;

    public int Queued => _outbox.Count;

    /// <summary>
    /// Publishes in order with everything published before. QoS 1 waits in the outbox while disconnected;
    /// QoS 0 while disconnected is dropped. The task completes once the broker has it (or it was dropped).
    /// </summary>
    public Task<PublishOutcome> PublishAsync(OutboundMessage message)
    {
        if (_stopping.IsCancellationRequested || (!IsConnected && message.Qos == MqttQualityOfServiceLevel.AtMostOnce))
            return Task.FromResult(PublishOutcome.Dropped);
        if (!message.Bulk) AlarmPathTrace.Mark(AlarmPathTrace.Hop.Queued);
        var item = _outbox.Enqueue(message, out var dropped);
        if (dropped is not null)
        {
            _metrics.Counter(OutboxDroppedMetric, "Outbound MQTT messages dropped because the in-memory outbox was full").Add(1);
            _log.LogWarning("MQTT outbox full ({Capacity}); dropped the oldest message, for {Topic}", _outbox.Capacity, dropped.Message.Topic);
        }
        return item.Done.Task;
    }

    public Task<PublishOutcome> PublishAsync(string topic, string payload, bool retain = false, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        PublishAsync(OutboundMessage.Text(topic, payload, retain, qos));

    public Task<PublishOutcome> PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain = false, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        PublishAsync(new OutboundMessage(topic, payload, retain, qos));

    /// <summary>Ordinary publishes in flight at once; with <see cref="BulkWindow"/> within Mosquitto's default receive maximum (20).</summary>
    public const int Window = 16;

    /// <summary>Audit shipping's own window: it never takes a slot an alarm could use.</summary>
    public const int BulkWindow = 4;

    public const string SendLoop = "mqtt-send";
    static readonly TimeSpan SendBeat = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One loop hands messages to the client in order; several are in flight at once (see <see cref="Outbox"/>), so a
    /// PUBACK round trip does not hold up the next alarm. Beats <see cref="SendLoop"/> while it can hand on.
    /// </summary>
    async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        _health?.Register(SendLoop, SendBeat * 10);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _health?.Beat(SendLoop);
                if (!IsConnected)
                {
                    try { await WhenConnectedAsync(cancellationToken).WaitAsync(SendBeat, _time, cancellationToken).ConfigureAwait(false); }
                    catch (TimeoutException) { }
                    continue;
                }
                var item = await _outbox.NextAsync(Window, BulkWindow, SendBeat, cancellationToken, _time).ConfigureAwait(false);
                if (item is null) continue;
                _ = SendOneAsync(item, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { break; }
        }
        _health?.Unregister(SendLoop);
    }

    async Task SendOneAsync(Outbox.Item item, CancellationToken cancellationToken)
    {
        try
        {
            if (!item.Message.Bulk) AlarmPathTrace.Mark(AlarmPathTrace.Hop.Sending);
            var result = await _client.PublishAsync(ToApplicationMessage(item.Message), cancellationToken).ConfigureAwait(false);
            if (!item.Message.Bulk) AlarmPathTrace.Mark(AlarmPathTrace.Hop.Acked);
            if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
                _log.LogWarning("MQTT broker refused a message for {Topic}: {Reason}", item.Message.Topic, result.ReasonCode);
            _outbox.Complete(item, result.IsSuccess || result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers ? PublishOutcome.Delivered : PublishOutcome.Refused);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { _outbox.Return(item); }
        catch (Exception e)
        {
            // Lost on the way: it keeps its place (and blocks its topic) and goes again, after the reconnect if need be.
            _log.LogDebug("MQTT publish failed, will retry: {Error}", e.Message);
            if (_client.IsConnected)
            {
                try { await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
            else _lost.TrySetResult();
            _outbox.Return(item);
        }
    }

    static MqttApplicationMessage ToApplicationMessage(OutboundMessage m)
    {
        var builder = new MqttApplicationMessageBuilder().WithTopic(m.Topic).WithPayload(m.Payload.ToArray())
            .WithRetainFlag(m.Retain).WithQualityOfServiceLevel(m.Qos);
        if (m.CorrelationData is not null) builder.WithCorrelationData(m.CorrelationData);
        return builder.Build();
    }
}
