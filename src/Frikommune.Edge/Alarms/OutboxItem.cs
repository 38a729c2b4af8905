namespace Frikommune.Edge.Alarms;

/// <summary>
/// A durable alarm change waiting to be published: its place in the outbox (<paramref name="Seq"/>, negative for a
/// change that could not be stored and is published from memory), the alarm, and the payload as it goes out.
/// </summary>
public sealed record OutboxItem(long Seq, string AlarmId, byte[] Payload, bool Resolved);
