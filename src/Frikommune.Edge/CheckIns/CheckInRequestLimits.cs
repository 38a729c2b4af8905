namespace Frikommune.Edge.CheckIns;

/// <summary>
/// The bounds of a check-in request, the same for HTTP and MQTT: ids in the reference syntax and a reason of at
/// most <see cref="MaxReasonLength"/> characters without control characters. The reason goes to the append-only
/// audit trail, so an unbounded one would let anyone who may ask fill the device's storage.
/// </summary>
public static class CheckInRequestLimits
{
    public const int MaxReasonLength = 200;

    /// <summary>Null when the request may go to the gate; else what is wrong with it (never echoing the content).</summary>
    public static string? Problem(string room, string staff, string reason)
    {
        if (!Decisions.References.IsSafe(room)) return "room must be 1-64 characters of A-Z a-z 0-9 . _ -";
        if (!Decisions.References.IsSafe(staff)) return "staff must be 1-64 characters of A-Z a-z 0-9 . _ -";
        if (reason.Length > MaxReasonLength) return $"reason must be at most {MaxReasonLength} characters";
        if (reason.Any(char.IsControl)) return "reason must not contain control characters";
        return null;
    }
}
