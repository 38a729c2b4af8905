using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Decisions;

/// <summary>The situations a decision's <c>checkin.triggers</c> may name (CONTRACT § 3).</summary>
public static class CheckInTriggers
{
    public const string SleepAlarm = "sleep-alarm";
    public const string MotionAlarm = "motion-alarm";
    public const string DoorAlarm = "door-alarm";
    public const string StaffRequest = "staff-request";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>(StringComparer.Ordinal) { SleepAlarm, MotionAlarm, DoorAlarm, StaffRequest };

    public static bool IsKnown(string trigger) => All.Contains(trigger);

    /// <summary>
    /// The trigger family of an alarm kind (CONTRACT § 4), or null when the kind can never justify a look-in:
    /// <c>sensor-silent</c> and <c>technical</c> say nothing about the resident, <c>fire-release</c> is the building's.
    /// </summary>
    public static string? ForAlarmKind(string kind) => kind switch
    {
        "seizure" or "breathing" or "heart-rate" or "bed-exit" => SleepAlarm,
        "motion-night" => MotionAlarm,
        "door-assistance" or "door-forced" or "door-held-open" => DoorAlarm,
        _ => null,
    };
}
