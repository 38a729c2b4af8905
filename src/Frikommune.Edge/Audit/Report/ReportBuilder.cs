using System.Globalization;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Audit.Report;

/// <summary>
/// Folds audit records (in chain order) into a <see cref="MonthlyReport"/>. Pure: the records may come from the
/// database or from <c>audit export</c>. Decisions are known from their <c>decision-imported</c> records (so records
/// before the month must include those), and door and room events count for the decisions in force at that door or
/// room at that instant; what no decision covered is counted apart.
/// </summary>
public sealed class ReportBuilder
{
    readonly TimeZoneInfo _zone;
    readonly DateTimeOffset _from, _to;
    readonly int _days;
    readonly Dictionary<string, DecisionUse> _decisions = new(StringComparer.Ordinal);
    readonly DecisionUse _none;
    // Door and room → decisions carrying a door or sensor measure there; rebuilt on each import (rare), read per event.
    Dictionary<string, DecisionUse[]> _byDoor = new(StringComparer.Ordinal), _byRoom = new(StringComparer.Ordinal);
    long _records;

    public ReportBuilder(int year, int month, TimeZoneInfo zone)
    {
        _zone = zone;
        (_from, _to) = MonthRange(year, month, zone);
        _days = DateTime.DaysInMonth(year, month);
        _none = new DecisionUse(null, _days);
        Month = $"{year:0000}-{month:00}";
    }

    /// <summary>The record kinds a report counts; everything else in the trail does not change it.</summary>
    public static readonly IReadOnlyCollection<string> Kinds =
    [
        DecisionAuditKinds.Imported, DecisionAuditKinds.Revoked, DecisionAuditKinds.Expired, "checkin-requested", "checkin-closed",
        "alarm-raised", "door-released", "objection-recorded",
    ];

    static readonly HashSet<string> KindSet = new(Kinds, StringComparer.Ordinal);

    public string Month { get; }
    public DateTimeOffset From => _from;
    public DateTimeOffset To => _to;

    /// <summary>The month's first and last instant in the site's time zone, as UTC.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) MonthRange(int year, int month, TimeZoneInfo zone)
    {
        DateTimeOffset Start(DateTime local) => new(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return (Start(first), Start(first.AddMonths(1)));
    }

    public void Add(AuditRecord record)
    {
        var e = record.Entry;
        var t = record.Time;
        if (t >= _to) return;
        var inMonth = t >= _from;
        if (inMonth && KindSet.Contains(e.Kind)) _records++;
        switch (e.Kind)
        {
            case DecisionAuditKinds.Imported: Imported(record, inMonth); break;
            case DecisionAuditKinds.Revoked when e.Refs.Decision is { } id:
                var revoked = Decision(id);
                revoked.RevokedAt ??= t;
                if (inMonth) revoked.Revocations++;
                break;
            case DecisionAuditKinds.Expired when inMonth && e.Refs.Decision is { } id: Decision(id).Expiries++; break;
        }
        if (!inMonth) return;
        var day = Day(t);
        switch (e.Kind)
        {
            case "checkin-requested": CheckIn(e, day); break;
            case "checkin-closed": Viewed(e); break;
            case "alarm-raised": Alarm(e, t, day); break;
            case "door-released":
                foreach (var d in AtDoor(e.Refs.Door, t)) { Bump(d.DoorReleases, Cause(Detail(e, "cause"))); d.PerDay[day]++; }
                break;
            case "objection-recorded":
                foreach (var d in Listed(e, "suspends").Concat(Listed(e, "continues")).DefaultIfEmpty(_none)) d.Objections++;
                break;
        }
    }

    public MonthlyReport Build(string site) => new(site, Month, _zone.Id, _from, _to, _days, _records,
        _decisions.Values.Where(d => d.HasActivity || d.Overlaps(_from, _to)).OrderBy(d => d.Id, StringComparer.Ordinal).ToList(),
        _none.HasActivity ? _none : null);

    void Imported(AuditRecord record, bool inMonth)
    {
        var e = record.Entry;
        if (e.Refs.Decision is not { } id) return;
        var d = Decision(id);
        d.Basis = Detail(e, "basis");
        d.Measures = List(Detail(e, "measures"));
        d.Rooms = List(Detail(e, "rooms"));
        d.Doors = List(Detail(e, "doors"));
        d.Resident = e.Refs.Resident;
        d.Nbf = Time(Detail(e, "nbf"));
        d.Exp = Time(Detail(e, "exp"));
        if (inMonth) d.Imports++;
        _byDoor = Index(u => u.Measures.Contains(Measures.DoorOpener) ? u.Doors : []);
        _byRoom = Index(u => u.Measures.Any(m => m is Measures.SleepMonitoring or Measures.MotionMonitoring) ? u.Rooms : []);
    }

    Dictionary<string, DecisionUse[]> Index(Func<DecisionUse, IReadOnlyList<string>> places) =>
        _decisions.Values.SelectMany(d => places(d).Select(p => (Place: p, Decision: d)))
            .GroupBy(x => x.Place, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Decision).ToArray(), StringComparer.Ordinal);

    void CheckIn(AuditEntry e, int day)
    {
        if (Detail(e, "outcome") == "granted")
        {
            var granted = e.Refs.Decision is { } id ? Decision(id) : _none;
            granted.CheckInsGranted++;
            granted.PerDay[day]++;
            return;
        }
        var reason = Detail(e, "refusal") ?? "unknown";
        foreach (var d in Listed(e, "decisions").DefaultIfEmpty(_none)) { Bump(d.CheckInsRefused, reason); d.PerDay[day]++; }
    }

    void Viewed(AuditEntry e)
    {
        var d = e.Refs.Decision is { } id ? Decision(id) : _none;
        if (!double.TryParse(Detail(e, "viewedSeconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return;
        d.ViewedSecondsTotal += seconds;
        d.ViewedSecondsLongest = Math.Max(d.ViewedSecondsLongest, seconds);
    }

    void Alarm(AuditEntry e, DateTimeOffset t, int day)
    {
        var kind = Detail(e, "kind") ?? "unknown";
        if (e.Refs.Door is { } door)
            foreach (var d in AtDoor(door, t)) { Bump(d.DoorAlarms, kind); d.PerDay[day]++; }
        else
            foreach (var d in InRoom(e.Refs.Room, t)) { Bump(d.SensorAlarms, kind); d.PerDay[day]++; }
    }

    IEnumerable<DecisionUse> AtDoor(string? door, DateTimeOffset t) => Covering(_byDoor, door, t);

    IEnumerable<DecisionUse> InRoom(string? room, DateTimeOffset t) => Covering(_byRoom, room, t);

    IEnumerable<DecisionUse> Covering(Dictionary<string, DecisionUse[]> index, string? place, DateTimeOffset t)
    {
        if (place is null || !index.TryGetValue(place, out var candidates)) return [_none];
        var covering = candidates.Where(d => d.InForceAt(t)).ToList();
        return covering.Count > 0 ? covering : [_none];
    }

    IEnumerable<DecisionUse> Listed(AuditEntry e, string detail) => List(Detail(e, detail)).Select(Decision);

    DecisionUse Decision(string id)
    {
        if (!_decisions.TryGetValue(id, out var d)) _decisions[id] = d = new DecisionUse(id, _days);
        return d;
    }

    int Day(DateTimeOffset t) => Math.Clamp(TimeZoneInfo.ConvertTime(t, _zone).Day - 1, 0, _days - 1);

    /// <summary>Staff releases are counted together; the audit names who released in each record.</summary>
    static string Cause(string? cause) => cause is null ? "unknown" : cause.StartsWith("staff:", StringComparison.Ordinal) ? "staff" : cause;

    static void Bump(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    static string? Detail(AuditEntry e, string name) => e.Details?.GetValueOrDefault(name);

    static IReadOnlyList<string> List(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static DateTimeOffset? Time(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
