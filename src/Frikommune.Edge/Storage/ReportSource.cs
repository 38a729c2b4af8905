using System.Globalization;
using System.Text.Json;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Audit.Report;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Storage;

/// <summary>Where a report's records come from: the gateway's own trail, or a file written by <c>audit export --format json</c>.</summary>
public static class ReportSource
{
    /// <summary>Parses <c>YYYY-MM</c>; false for anything else.</summary>
    public static bool TryParseMonth(string? text, out int year, out int month)
    {
        year = month = 0;
        if (text is not { Length: 7 } || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)) return false;
        (year, month) = (first.Year, first.Month);
        return true;
    }

    /// <summary>The report of a month from the trail: the decision records before it (to know the decisions), then the month's records.</summary>
    public static MonthlyReport FromTrail(Storage.Database database, string site, int year, int month, TimeZoneInfo zone)
    {
        var builder = new ReportBuilder(year, month, zone);
        var reader = new ReportReader(database);
        foreach (var r in reader.Read([DecisionAuditKinds.Imported, DecisionAuditKinds.Revoked], null, builder.From)) builder.Add(r);
        foreach (var r in reader.Read(ReportBuilder.Kinds, builder.From, builder.To)) builder.Add(r);
        return builder.Build(site);
    }

    /// <summary>The same report recomputed from an export (<c>audit export --format json</c>) that reaches back to the decisions' imports.</summary>
    public static MonthlyReport FromExport(Stream exportJson, string site, int year, int month, TimeZoneInfo zone)
    {
        var builder = new ReportBuilder(year, month, zone);
        using var document = JsonDocument.Parse(exportJson);
        foreach (var r in document.RootElement.EnumerateArray()) builder.Add(Record(r));
        return builder.Build(site);
    }

    static AuditRecord Record(JsonElement r)
    {
        string? S(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var refs = r.GetProperty("refs");
        var details = r.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object
            ? d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null)
            : null;
        var entry = new AuditEntry(S(r, "kind") ?? "", S(r, "actor") ?? AuditEntry.Gateway)
        {
            Refs = new AuditRefs(S(refs, "decision"), S(refs, "resident"), S(refs, "door"), S(refs, "room"), S(refs, "alarm"), S(refs, "session")),
            Details = details,
        };
        var time = DateTimeOffset.Parse(S(r, "time")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new AuditRecord(r.GetProperty("seq").GetInt64(), time, entry, [], []);
    }
}
