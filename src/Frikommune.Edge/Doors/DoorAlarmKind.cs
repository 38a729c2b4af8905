namespace Frikommune.Edge.Doors;

/// <summary>The alarms a door raises (CONTRACT § 4 kinds).</summary>
public enum DoorAlarmKind
{
    /// <summary>Døralarm, § 14b stk. 2: a resident could not operate the opener and needs help.</summary>
    Assistance,
    Forced,
    HeldOpen,
    FireRelease,
    /// <summary>The door went to fault mode; it stands released until someone looks at it.</summary>
    Technical,
}

public static class DoorAlarmKinds
{
    public static string ToContractName(this DoorAlarmKind kind) => kind switch
    {
        DoorAlarmKind.Assistance => "door-assistance",
        DoorAlarmKind.Forced => "door-forced",
        DoorAlarmKind.HeldOpen => "door-held-open",
        DoorAlarmKind.FireRelease => "fire-release",
        DoorAlarmKind.Technical => "technical",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// A resident waiting at the door, a forced door, a fire and a door standing released by fault all
    /// need someone now; a door left open is a nuisance first, so it is medium.
    /// </summary>
    public static string Priority(this DoorAlarmKind kind) => kind switch
    {
        DoorAlarmKind.HeldOpen => "medium",
        _ => "high",
    };
}
