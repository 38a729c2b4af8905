namespace Frikommune.Edge.Alarms;

/// <param name="IsNew">False when an alarm for the same condition was already open; that one is returned.</param>
public readonly record struct RaiseOutcome(Alarm Alarm, bool IsNew);

public enum AlarmActionResult : byte { Done, NotFound, AlreadyAcknowledged, AlreadyResolved, InvalidStaff }

/// <param name="Alarm">The alarm after the action, or as it stands when nothing changed; null when not found.</param>
public readonly record struct AlarmActionOutcome(AlarmActionResult Result, Alarm? Alarm);
