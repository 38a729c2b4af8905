namespace Frikommune.Edge.Alarms;

/// <summary>The alarm kinds of CONTRACT § 4.</summary>
public enum AlarmKind : byte
{
    DoorAssistance,
    DoorForced,
    DoorHeldOpen,
    FireRelease,
    Seizure,
    Breathing,
    HeartRate,
    BedExit,
    MotionNight,
    SensorSilent,
    Technical,
}

public enum AlarmPriority : byte { High, Medium, Low }

public enum AlarmState : byte { Raised, Acknowledged, Resolved }

public static class AlarmNames
{
    static readonly string[] Kinds =
    [
        "door-assistance", "door-forced", "door-held-open", "fire-release", "seizure", "breathing",
        "heart-rate", "bed-exit", "motion-night", "sensor-silent", "technical",
    ];

    public static string Name(this AlarmKind kind) => Kinds[(int)kind];

    public static bool TryParseKind(string name, out AlarmKind kind)
    {
        var i = Array.IndexOf(Kinds, name);
        kind = (AlarmKind)Math.Max(i, 0);
        return i >= 0;
    }

    public static string Name(this AlarmPriority priority) => priority switch
    {
        AlarmPriority.High => "high",
        AlarmPriority.Medium => "medium",
        _ => "low",
    };

    public static string Name(this AlarmState state) => state switch
    {
        AlarmState.Raised => "raised",
        AlarmState.Acknowledged => "acknowledged",
        _ => "resolved",
    };

    /// <summary>
    /// The one priority table (doors, sensors and the gateway all raise through it). Someone may be in danger now:
    /// high. Someone may be up and about at night: medium. Worth a look: low.
    /// A door alarm is high because a resident who cannot work the opener is waiting for help (§ 14b stk. 2); a
    /// door left open is a nuisance first. A technical alarm at a door is high: the door stands free although a
    /// decision says a resident needs the special opener (LEGAL rule 4–5); any other technical alarm is medium.
    /// </summary>
    /// <summary>
    /// A call for help rather than a condition: a resident pressing a door's button. Once staff acknowledge it, the
    /// door stops calling and the next press is a new call; a condition (held open, a seizure) stays one alarm until resolved.
    /// </summary>
    public static bool IsCall(this AlarmKind kind) => kind == AlarmKind.DoorAssistance;

    public static AlarmPriority Priority(this AlarmKind kind, AlarmSubject subject) => kind switch
    {
        AlarmKind.Seizure or AlarmKind.Breathing or AlarmKind.HeartRate => AlarmPriority.High,
        AlarmKind.DoorAssistance or AlarmKind.DoorForced or AlarmKind.FireRelease => AlarmPriority.High,
        AlarmKind.Technical when subject.Door is not null => AlarmPriority.High,
        AlarmKind.BedExit or AlarmKind.DoorHeldOpen or AlarmKind.Technical => AlarmPriority.Medium,
        _ => AlarmPriority.Low,
    };
}
