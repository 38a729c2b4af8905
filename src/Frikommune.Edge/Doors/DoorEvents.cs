using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Doors;

/// <summary>Receives everything a door does, in order. Called under the door's lock: do not block, do not call back.</summary>
public interface IDoorObserver
{
    void OnDoorEvent(DoorEvent e);
}

public abstract record DoorEvent(string DoorId, DateTimeOffset At);

/// <summary>The lock output: true = high = locked (fail-safe, power-to-lock).</summary>
public sealed record LockOutputChanged(string DoorId, DateTimeOffset At, bool Locked) : DoorEvent(DoorId, At);

public sealed record SounderChanged(string DoorId, DateTimeOffset At, bool On) : DoorEvent(DoorId, At);

public sealed record DoorStateChanged(string DoorId, DateTimeOffset At, DoorState State) : DoorEvent(DoorId, At);

/// <summary>
/// <see cref="From"/> is null for the mode taken at start. <see cref="DecisionIds"/> are the valid § 14b
/// decisions naming the door at the time, also when the door is free for another reason.
/// </summary>
public sealed record DoorModeChanged(
    string DoorId, DateTimeOffset At, DoorMode? From, DoorMode To, IReadOnlyList<string> DecisionIds, string Reason)
    : DoorEvent(DoorId, At);

/// <summary>A release for the audit trail; <see cref="Duration"/> is null while a fire or fault holds it.</summary>
public sealed record DoorReleased(string DoorId, DateTimeOffset At, string Cause, TimeSpan? Duration) : DoorEvent(DoorId, At);

public sealed record DelayedEgressStarted(string DoorId, DateTimeOffset At, DateTimeOffset ReleasesAt) : DoorEvent(DoorId, At);

/// <summary>An occurrence of an alarm condition; the alarm desk decides whether it is a new alarm (one per open condition).</summary>
public sealed record DoorAlarmRaised(string DoorId, DateTimeOffset At, AlarmKind Kind) : DoorEvent(DoorId, At)
{
    /// <summary>A door goes to fault only when its pins cannot be driven (<see cref="DoorFleet"/>).</summary>
    public const string FaultSource = "gpio";

    public AlarmSubject Subject => Kind == AlarmKind.Technical ? new(Door: DoorId, Source: FaultSource) : AlarmSubject.AtDoor(DoorId);
    public string KindName => Kind.Name();
    public string Priority => Kind.Priority(Subject).Name();
}

/// <summary>The condition behind an alarm is over (door closed, fire cleared). Staff still resolve the alarm itself.</summary>
public sealed record DoorAlarmConditionEnded(string DoorId, DateTimeOffset At, AlarmKind Kind) : DoorEvent(DoorId, At);
