namespace Frikommune.Edge.Alarms;

/// <summary>Where an alarm was called out: a receiver's id and <c>sent</c>, <c>confirmed</c> or <c>failed</c>.</summary>
public sealed record AlarmDelivery(string Receiver, string State);
