namespace Frikommune.Edge.Decisions;

/// <summary>The welfare-technology measures a decision can allow (LEGAL.md glossary).</summary>
public static class Measures
{
    public const string DoorOpener = "door-opener";           // særlig døråbner, § 14b
    public const string VideoCheckIn = "video-checkin";       // situationsbestemt kamera-kig
    public const string AudioCheckIn = "audio-checkin";
    public const string MotionMonitoring = "motion-monitoring"; // bevægelsesovervågning
    public const string SleepMonitoring = "sleep-monitoring";   // sensorbaseret søvnmonitorering, § 14f

    public static readonly IReadOnlyList<string> All =
        [DoorOpener, VideoCheckIn, AudioCheckIn, MotionMonitoring, SleepMonitoring];

    public static bool IsKnown(string measure) => All.Contains(measure, StringComparer.Ordinal);

    /// <summary>The door opener sits on a door; every other measure is about a room.</summary>
    public static bool AppliesToDoors(string measure) => measure == DoorOpener;

    public static bool IsCheckIn(string measure) => measure is VideoCheckIn or AudioCheckIn;
}
