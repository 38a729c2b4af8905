using System.Text;

namespace Frikommune.Edge.Mqtt;

/// <summary>A message that passed the inbound guard. An empty payload (a cleared retained topic) stays empty.</summary>
public sealed record InboundMessage(string Topic, ReadOnlyMemory<byte> Payload, bool Retain)
{
    /// <summary>MQTT 5 request/response: where the sender wants the reply, if it said.</summary>
    public string? ResponseTopic { get; init; }
    public byte[]? CorrelationData { get; init; }
    /// <summary>The staff device whose signature a command carried; set only by <see cref="StaffCommandVerifier"/>.</summary>
    public string? Device { get; init; }

    public bool IsEmpty => Payload.IsEmpty;
    public string Text => Encoding.UTF8.GetString(Payload.Span);
}

/// <summary>What a subscriber expects; the guard checks that much before the handler sees anything.</summary>
public enum PayloadKind { Bytes, Text, Json }

/// <summary>A handler throws this to say the message did not fit (a wrong type); it is dropped and counted like a guard drop.</summary>
public sealed class InboundRejectedException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}
