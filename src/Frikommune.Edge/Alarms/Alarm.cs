namespace Frikommune.Edge.Alarms;

/// <summary>
/// An alarm as staff see it: the positional members are the CONTRACT § 4 payload, in its order.
/// The init-only members are kept for the record and the audit trail but are not published.
/// </summary>
public sealed record Alarm(
    string Id, AlarmKind Kind, AlarmPriority Priority, string Site, string? Door, string? Room,
    DateTimeOffset RaisedAt, AlarmState State, string? AckedBy, int Escalation)
{
    /// <summary>What the condition is about beyond door/room, e.g. the silent sensor's id. Persist it.</summary>
    public string? Source { get; init; }
    public DateTimeOffset? AckedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }

    public bool IsOpen => State != AlarmState.Resolved;
    public AlarmSubject Subject => new(Room, Door, Source);
}

/// <summary>
/// Where an alarm points. Together with the kind it names the condition: while an alarm for a condition
/// is open, the same condition does not raise a second one.
/// </summary>
public sealed record AlarmSubject(string? Room = null, string? Door = null, string? Source = null)
{
    public static AlarmSubject InRoom(string room) => new(Room: room);
    public static AlarmSubject AtDoor(string door) => new(Door: door);
    /// <summary>A device in a room, e.g. a silent sensor: one alarm per device, not per room.</summary>
    public static AlarmSubject Device(string room, string deviceId) => new(Room: room, Source: deviceId);
    /// <summary>A technical problem of the gateway itself, e.g. <c>clock</c> or <c>gpio</c>.</summary>
    public static AlarmSubject Technical(string source) => new(Source: source);
}
