namespace Frikommune.Edge.Alarms;

public enum AlarmChangeKind : byte { Raised, Escalated, Acknowledged, Resolved }

/// <summary>One state change of an alarm, in the order the desk made them. <see cref="By"/> is the staff id for ack/resolve.</summary>
public sealed record AlarmChange(AlarmChangeKind Change, Alarm Alarm, DateTimeOffset At, string? By = null);

/// <summary>
/// Where every change goes. The adapter takes it at once (never blocking), makes it durable (SQLite) and publishes it
/// once durable, in order, so nothing is lost while the broker is away or across a restart (CONTRACT § 4).
/// Called under the desk's lock: keep it short and do not call back into the desk.
/// </summary>
public interface IAlarmOutbox
{
    void Enqueue(AlarmChange change);
}
