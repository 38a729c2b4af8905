namespace Frikommune.Edge.CheckIns;

/// <summary>An alarm for the room, as far as the gate cares: its kind, when it was raised, whether it is still unresolved.</summary>
public sealed record RecentAlarm(string Kind, DateTimeOffset RaisedAt, bool Open);

/// <summary>
/// What the gate must know about a room at the instant it decides. <see cref="Policies"/> holds only decisions
/// that are in force (signed, for this site, nbf ≤ now &lt; exp, not revoked) and name <c>video-checkin</c>.
/// </summary>
public sealed record CheckInFacts(
    bool RoomExists,
    bool CameraAvailable,
    bool ClockTrusted,
    bool ObjectionRecorded,
    IReadOnlyList<CheckInPolicy> Policies,
    IReadOnlyList<RecentAlarm> Alarms,
    bool IndicatorWorks = true)
{
    public static readonly CheckInFacts UnknownRoom = new(false, false, false, false, [], []);
}

/// <summary>
/// Reads a room's facts. The gate calls it inside its lock, so a revocation that updates the decision store
/// before it calls <see cref="CheckInGate.Review"/> can never be overtaken by a grant.
/// </summary>
public interface ICheckInFacts
{
    CheckInFacts Read(string room);
}
