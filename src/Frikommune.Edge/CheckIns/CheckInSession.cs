namespace Frikommune.Edge.CheckIns;

/// <summary>Why a session ended. <see cref="Code"/> is what the audit trail and the session topic carry.</summary>
public enum CheckInEndReason
{
    TimeUp,
    ViewerClosed,
    DecisionEnded,
    Objection,
    ClockUntrusted,
    ClockStepped,
    GatewayStopped,
    Crash,
}

public static class CheckInEndReasons
{
    public static string Code(this CheckInEndReason reason) => reason switch
    {
        CheckInEndReason.TimeUp => "time-up",
        CheckInEndReason.ViewerClosed => "viewer-closed",
        CheckInEndReason.DecisionEnded => "decision-ended",
        CheckInEndReason.Objection => "objection",
        CheckInEndReason.ClockUntrusted => "clock-untrusted",
        CheckInEndReason.ClockStepped => "clock-stepped",
        CheckInEndReason.GatewayStopped => "gateway-stopped",
        CheckInEndReason.Crash => "crash",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static CheckInEndReason Parse(string code) =>
        Enum.GetValues<CheckInEndReason>().First(r => r.Code() == code);
}

/// <summary>
/// One look-in, as the ledger keeps it. <see cref="MinGapSeconds"/> is the gap that was in force when it was
/// granted, so a later, laxer decision cannot shorten the pause after it. <see cref="EndedAt"/> is always within
/// [<see cref="StartedAt"/>, <see cref="ExpiresAt"/>].
/// </summary>
public sealed record CheckInSession(
    string SessionId, string Room, string Staff, string DecisionId, string Trigger,
    DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, int MinGapSeconds)
{
    public DateTimeOffset? EndedAt { get; init; }
    public CheckInEndReason? EndReason { get; init; }
    public double? ViewedSeconds { get; init; }

    public bool IsOpen => EndedAt is null;

    /// <summary>The latest instant the camera can have been viewed: the actual end, or the planned one while open.</summary>
    public DateTimeOffset LatestEnd => EndedAt ?? ExpiresAt;
}
