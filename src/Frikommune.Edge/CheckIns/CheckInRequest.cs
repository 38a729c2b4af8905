namespace Frikommune.Edge.CheckIns;

/// <summary>How the request came about: a member of staff asking, or staff answering an alarm.</summary>
public enum CheckInOrigin
{
    StaffRequest,
    Alarm,
}

/// <summary>A request to look in. <paramref name="Reason"/> goes to the audit trail only; the gate does not judge it.</summary>
public sealed record CheckInRequest(string Room, string Staff, string Reason, CheckInOrigin Origin = CheckInOrigin.StaffRequest);
