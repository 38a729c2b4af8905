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
        var item = _outbox.Enqueue(message, out var dropped);
        if (dropped is not null)
        {
            _metrics.Increment(OutboxDroppedMetric);
            _log.LogWarning("MQTT outbox full ({Capacity}); dropped the oldest message, for {Topic}", _outbox.Capacity, dropped.Message.Topic);
        }
        return item.Done.Task;
    }

    public Task<PublishOutcome> PublishAsync(string topic, string payload, bool retain = false, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        PublishAsync(OutboundMessage.Text(topic, payload, retain, qos));

    public Task<PublishOutcome> PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain = false, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        PublishAsync(new OutboundMessage(topic, payload, retain, qos));

    /// <summary>One sender, so the broker sees messages in the order they were published, also across a reconnect.</summary>
    async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var item = await _outbox.PeekAsync(cancellationToken).ConfigureAwait(false);
                await WhenConnectedAsync(cancellationToken).ConfigureAwait(false);
                var result = await _client.PublishAsync(ToApplicationMessage(item.Message), cancellationToken).ConfigureAwait(false);
                if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
                    _log.LogWarning("MQTT broker refused a message for {Topic}: {Reason}", item.Message.Topic, result.ReasonCode);
                _outbox.Complete(item, result.IsSuccess || result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers ? PublishOutcome.Delivered : PublishOutcome.Refused);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // Lost on the way: it stays first in the outbox and goes again after the reconnect.
                _log.LogDebug("MQTT publish failed, will retry after reconnect: {Error}", e.Message);
                if (_client.IsConnected) await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
                else _lost.TrySetResult();
            }
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
