using Frikommune.Edge.Audit;
using Frikommune.Edge.Audit.Report;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Cli;

/// <summary><c>audit report --month YYYY-MM [--format html|csv|json] [--from-export FILE]</c>: the month's use of every measure.</summary>
static class ReportCommands
{
    public static int Report(CommandContext c, string? month, string? format, string? fromExport)
    {
        var stdout = c.Out;
        if (!ReportSource.TryParseMonth(month, out var year, out var m)) throw new UsageException("--month YYYY-MM is required (e.g. 2026-11)");
        format ??= "html";
        if (format is not ("html" or "csv" or "json")) throw new UsageException("--format must be html, csv or json");
        var site = c.Get<Configuration.SiteOptions>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(site.TimeZone);
        MonthlyReport report;
        if (fromExport is not null)
        {
            // Recomputes the report from an exported trail (audit export --format json), e.g. at the municipality.
            try
            {
                using var file = File.OpenRead(fromExport);
                report = ReportSource.FromExport(file, site.Id, year, m, zone);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new UsageException($"--from-export: '{fromExport}' is not a readable audit export (JSON): {e.Message}");
            }
        }
        else
        {
            report = ReportSource.FromTrail(c.Get<Storage.Database>(), site.Id, year, m, zone);
        }
        switch (format)
        {
            case "csv": ReportCsv.Write(report, stdout); break;
            case "json": stdout.WriteLine(ReportJson.Serialize(report)); break;
            default: stdout.WriteLine(ReportHtml.Render(report)); break;
        }
        return CommandLine.Ok;
    }
}
