namespace Frikommune.Edge.Audit.Report;

/// <summary>
/// One month's use of every measure, per decision (LEGAL.md: registrering og indberetning). Built only from the
/// audit trail by <see cref="ReportBuilder"/>, so an exported trail gives the same numbers.
/// </summary>
public sealed record MonthlyReport(
    string Site, string Month, string TimeZone, DateTimeOffset From, DateTimeOffset To, int Days, long Records,
    IReadOnlyList<DecisionUse> Decisions, DecisionUse? WithoutDecision);
// Records: the month's records of the kinds a report counts (ReportBuilder.Kinds).

/// <summary>What happened under one decision in the month. <see cref="Id"/> is null for what no decision covered.</summary>
public sealed class DecisionUse(string? id, int days)
{
    public string? Id { get; } = id;
    public string? Basis { get; set; }
    public IReadOnlyList<string> Measures { get; set; } = [];
    public string? Resident { get; set; }
    public IReadOnlyList<string> Rooms { get; set; } = [];
    public IReadOnlyList<string> Doors { get; set; } = [];
    public DateTimeOffset? Nbf { get; set; }
    public DateTimeOffset? Exp { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public int Imports { get; set; }
    public int Expiries { get; set; }
    public int Revocations { get; set; }
    public int Objections { get; set; }
    public int CheckInsGranted { get; set; }
    public SortedDictionary<string, int> CheckInsRefused { get; } = new(StringComparer.Ordinal);
    public double ViewedSecondsTotal { get; set; }
    public double ViewedSecondsLongest { get; set; }
    public SortedDictionary<string, int> DoorAlarms { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> DoorReleases { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> SensorAlarms { get; } = new(StringComparer.Ordinal);
    /// <summary>Uses per day of the month (check-ins asked for, door alarms and releases, sensor alarms): the bars of the chart.</summary>
    public int[] PerDay { get; } = new int[days];

    public bool InForceAt(DateTimeOffset t) =>
        Nbf is { } nbf && Exp is { } exp && nbf <= t && t < exp && (RevokedAt is not { } revoked || t < revoked);

    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) =>
        Nbf is { } nbf && Exp is { } exp && nbf < to && exp > from && (RevokedAt is not { } revoked || revoked > from);

    public bool HasActivity =>
        Imports + Expiries + Revocations + Objections + CheckInsGranted > 0 || CheckInsRefused.Count + DoorAlarms.Count + DoorReleases.Count + SensorAlarms.Count > 0
        || ViewedSecondsTotal > 0;
}
