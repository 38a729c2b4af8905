using System.Globalization;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Cli;

static class AuditCommands
{
    public static int Verify(CommandContext c)
    {
        var stdout = c.Out;
        var result = new AuditVerifier(c.Get<AuditReader>()).Verify();
        if (result.Intact)
        {
            stdout.WriteLine($"ok: {result.Records} records, chain intact");
            return CommandLine.Ok;
        }
        stdout.WriteLine($"broken: first bad record {result.FirstBadSeq}: {result.Problem}");
        return CommandLine.Failed;
    }

    public static int Export(CommandContext c, string? from, string? to, string format)
    {
        var stdout = c.Out;
        var start = ParseDate("--from", from, endOfDay: false);
        var end = ParseDate("--to", to, endOfDay: true);
        if (format is not ("csv" or "json")) throw new UsageException("--format must be csv or json");
        var records = c.Get<AuditReader>().Read(start, end);
        if (format == "csv") AuditExport.WriteCsv(records, stdout);
        else
        {
            stdout.Flush();
            using var stream = new MemoryStream();
            AuditExport.WriteJson(records, stream);
            stdout.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            stdout.WriteLine();
        }
        return CommandLine.Ok;
    }

    /// <summary>A date (a whole day, UTC; --to includes that day) or a full ISO 8601 time.</summary>
    static DateTimeOffset ParseDate(string option, string? value, bool endOfDay)
    {
        if (value is null) throw new UsageException($"{option} DATE is required (e.g. 2026-11-01)");
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(endOfDay ? 1 : 0);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time;
        throw new UsageException($"{option}: '{value}' is not a date (yyyy-MM-dd) or ISO 8601 time");
    }
}
