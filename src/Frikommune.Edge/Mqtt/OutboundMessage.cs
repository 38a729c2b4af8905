using System.Text;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Mqtt;

public sealed record OutboundMessage(string Topic, ReadOnlyMemory<byte> Payload, bool Retain = false,
    MqttQualityOfServiceLevel Qos = MqttQualityOfServiceLevel.AtLeastOnce)
{
    /// <summary>MQTT 5 correlation data of a reply; ignored by a 3.1.1 broker.</summary>
    public byte[]? CorrelationData { get; init; }

    /// <summary>
    /// Background traffic (audit shipping) that yields to everything else: an alarm never waits behind a batch
    /// of audit records. Order is kept within each of the two lanes.
    /// </summary>
    public bool Bulk { get; init; }

    public static OutboundMessage Text(string topic, string text, bool retain = false,
        MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) => new(topic, Encoding.UTF8.GetBytes(text), retain, qos);
}

public enum PublishOutcome
{
    /// <summary>QoS 1: the broker acknowledged it. QoS 0: it was sent.</summary>
    Delivered,
    /// <summary>Not sent: the outbox overflowed, QoS 0 while disconnected, or the gateway stopped.</summary>
    Dropped,
    /// <summary>The broker answered with a failure reason (e.g. not authorized); not retried.</summary>
    Refused,
}
