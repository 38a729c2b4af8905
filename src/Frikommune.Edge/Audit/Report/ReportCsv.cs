using System.Globalization;
using Frikommune.Edge.Clock;

namespace Frikommune.Edge.Audit.Report;

/// <summary>
/// The report as CSV (RFC 4180), one row per number: <c>decision,basis,measures,resident,nbf,exp,metric,key,value</c>.
/// Long rather than wide, so every month has the same columns whatever refusals or alarms occurred.
/// </summary>
public static class ReportCsv
{
    static readonly string[] Header = ["decision", "basis", "measures", "resident", "nbf", "exp", "metric", "key", "value"];

    public static void Write(MonthlyReport report, TextWriter output)
    {
        output.Write(string.Join(',', Header) + "\r\n");
        foreach (var d in report.WithoutDecision is { } none ? [.. report.Decisions, none] : report.Decisions)
        {
            string?[] who = [d.Id ?? "(no decision)", d.Basis, string.Join(' ', d.Measures), d.Resident,
                d.Nbf is { } nbf ? IsoTime.Format(nbf) : null, d.Exp is { } exp ? IsoTime.Format(exp) : null];
            void Row(string metric, string key, string value) =>
                output.Write(string.Join(',', who.Append(metric).Append(key).Append(value).Select(Cell)) + "\r\n");
            void Counts(string metric, IReadOnlyDictionary<string, int> counts)
            {
                foreach (var (key, n) in counts) Row(metric, key, N(n));
            }
            Row("imports", "", N(d.Imports));
            Row("expiries", "", N(d.Expiries));
            Row("revocations", "", N(d.Revocations));
            Row("objections", "", N(d.Objections));
            Row("checkins-granted", "", N(d.CheckInsGranted));
            Counts("checkins-refused", d.CheckInsRefused);
            Row("viewed-seconds", "total", Seconds(d.ViewedSecondsTotal));
            Row("viewed-seconds", "longest", Seconds(d.ViewedSecondsLongest));
            Counts("door-alarms", d.DoorAlarms);
            Counts("door-releases", d.DoorReleases);
            Counts("sensor-alarms", d.SensorAlarms);
            for (var day = 0; day < d.PerDay.Length; day++) Row("uses-per-day", $"{report.Month}-{day + 1:00}", N(d.PerDay[day]));
        }
    }

    /// <summary>
    /// RFC 4180 quoting, and a text that a spreadsheet would read as a formula (= + - @, tab, CR) gets a leading
    /// apostrophe: a decision's issuer or a resident reference must never run as code on the reader's machine.
    /// </summary>
    public static string Cell(string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        if (field[0] is '=' or '+' or '-' or '@' or '\t' or '\r') field = "'" + field;
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }

    static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);
}
