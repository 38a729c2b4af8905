using Frikommune.Edge.Audit;
using Frikommune.Edge.Audit.Report;

namespace Frikommune.Edge.Tests.Audit;

/// <summary>The report's outputs are safe for their readers: spreadsheets (CSV) and browsers (HTML).</summary>
public sealed class ReportFormatTests
{
    static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void A_csv_cell_a_spreadsheet_could_run_is_neutralised(string field, string expected) =>
        Assert.Equal(expected, ReportCsv.Cell(field));

    static MonthlyReport Hostile()
    {
        var builder = new ReportBuilder(2031, 1, Copenhagen);
        var at = new DateTimeOffset(2031, 1, 5, 10, 0, 0, TimeSpan.Zero);
        builder.Add(new AuditRecord(1, at, new AuditEntry("decision-imported")
        {
            Refs = new AuditRefs(Decision: "d-1", Resident: "resident-1"),
            Details = new Dictionary<string, string?>
            {
                ["basis"] = "=cmd|'/c calc'!A1", ["measures"] = "<script>alert(1)</script>", ["rooms"] = "room-1", ["doors"] = "",
                ["nbf"] = "2031-01-01T00:00:00Z", ["exp"] = "2031-02-01T00:00:00Z",
            },
        }, [], []));
        builder.Add(new AuditRecord(2, at.AddHours(1), new AuditEntry("checkin-requested")
        {
            Refs = new AuditRefs(Room: "room-1"),
            Details = new Dictionary<string, string?> { ["outcome"] = "refused", ["refusal"] = "<b>cooldown</b>", ["decisions"] = "d-1" },
        }, [], []));
        return builder.Build("herning-bo1");
    }

    [Fact]
    public void Text_from_the_trail_is_encoded_in_html_and_neutralised_in_csv()
    {
        var report = Hostile();
        var html = ReportHtml.Render(report);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>cooldown", html);
        Assert.Contains("&lt;script&gt;", html);

        var csv = new StringWriter();
        ReportCsv.Write(report, csv);
        Assert.Contains(",'=cmd|'/c calc'!A1,", csv.ToString());
        Assert.DoesNotContain(",=cmd", csv.ToString());
    }

    [Fact]
    public void Days_are_counted_in_the_sites_time_zone()
    {
        var builder = new ReportBuilder(2031, 1, Copenhagen);
        // 31 Dec 23:30 UTC is 1 January 00:30 in Copenhagen: the month's first day, not outside it.
        builder.Add(new AuditRecord(1, new DateTimeOffset(2030, 12, 31, 23, 30, 0, TimeSpan.Zero), new AuditEntry("checkin-requested")
        {
            Refs = new AuditRefs(Room: "room-1"),
            Details = new Dictionary<string, string?> { ["outcome"] = "refused", ["refusal"] = "no-valid-decision" },
        }, [], []));
        var none = builder.Build("s").WithoutDecision!;
        Assert.Equal(1, none.PerDay[0]);
        Assert.Equal(31, none.PerDay.Length);
    }
}
