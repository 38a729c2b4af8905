namespace Frikommune.Edge.CheckIns;

/// <summary>The refusal codes of CONTRACT § 5, in the order the gate checks them.</summary>
public static class CheckInRefusals
{
    public const string UnknownRoom = "unknown-room";
    public const string CameraUnavailable = "camera-unavailable";
    public const string IndicatorMissing = "indicator-missing";
    public const string ClockUntrusted = "clock-untrusted";
    public const string NoValidDecision = "no-valid-decision";
    public const string Objection = "objection";
    public const string NotSituational = "not-situational";
    public const string Busy = "busy";
    public const string Cooldown = "cooldown";
    public const string Quota = "quota";

    public static readonly IReadOnlyList<string> InPrecedence =
        [UnknownRoom, CameraUnavailable, ClockUntrusted, NoValidDecision, Objection, IndicatorMissing, NotSituational, Busy, Cooldown, Quota];
}

public abstract record CheckInOutcome
{
    public abstract bool Granted { get; }
}

/// <summary>A look-in that may run from <see cref="StartedAt"/> for <see cref="Duration"/>, never past <see cref="ExpiresAt"/>.</summary>
public sealed record CheckInGrant(
    string SessionId, string Room, string DecisionId, string Trigger,
    DateTimeOffset StartedAt, TimeSpan Duration, DateTimeOffset ExpiresAt) : CheckInOutcome
{
    public override bool Granted => true;
}

public sealed record CheckInRefusal(string Code) : CheckInOutcome
{
    public override bool Granted => false;

    /// <summary>The decisions for the room that were weighed and did not allow it; recorded so a refusal counts per decision.</summary>
    public IReadOnlyList<string> DecisionIds { get; init; } = [];
}
