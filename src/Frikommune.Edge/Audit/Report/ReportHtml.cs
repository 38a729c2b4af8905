using System.Globalization;
using System.Net;
using System.Text;
using Frikommune.Edge.Clock;

namespace Frikommune.Edge.Audit.Report;

/// <summary>
/// The report as one self-contained HTML page that prints on A4: a section per decision with its numbers and a small
/// bar chart, one bar per day (inline SVG, no script, nothing fetched). Every text from the trail is HTML-encoded.
/// </summary>
public static class ReportHtml
{
    const string Style = """
        @page { size: A4; margin: 14mm; }
        body { font: 10.5pt/1.35 system-ui, sans-serif; color: #111; margin: 0 auto; max-width: 182mm; }
        h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 11.5pt; margin: 0 0 1.5mm; }
        .meta { color: #444; margin: 0 0 5mm; }
        section { border: 0.3mm solid #999; border-radius: 1.5mm; padding: 3mm 4mm; margin: 0 0 4mm; break-inside: avoid; }
        table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; }
        th, td { text-align: left; padding: 0.6mm 1.5mm; border-bottom: 0.2mm solid #ddd; vertical-align: top; }
        th { width: 42%; font-weight: 600; }
        svg { width: 100%; height: 22mm; display: block; }
        .bar { fill: #1f5fa8; } .axis { stroke: #888; stroke-width: 0.5; } .day { font-size: 5px; fill: #555; }
        .quiet { color: #666; }
        """;

    public static string Render(MonthlyReport report)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Månedsrapport ")
            .Append(E(report.Site)).Append(' ').Append(E(report.Month)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Månedsrapport ").Append(E(report.Month)).Append(" – ").Append(E(report.Site)).Append("</h1>");
        html.Append("<p class=\"meta\">Tidszone ").Append(E(report.TimeZone)).Append(", ").Append(E(IsoTime.Format(report.From)))
            .Append(" – ").Append(E(IsoTime.Format(report.To))).Append(". Bygget alene af revisionssporet (")
            .Append(report.Records.ToString(CultureInfo.InvariantCulture)).Append(" tællende poster i måneden).</p>");
        if (report.Decisions.Count == 0 && report.WithoutDecision is null) html.Append("<p class=\"quiet\">Ingen afgørelser og ingen hændelser i måneden.</p>");
        foreach (var d in report.Decisions) Section(html, d, report.Month);
        if (report.WithoutDecision is { } none) Section(html, none, report.Month);
        return html.Append("</body></html>").ToString();
    }

    static void Section(StringBuilder html, DecisionUse d, string month)
    {
        html.Append("<section><h2>").Append(d.Id is null ? "Uden afgørelse" : "Afgørelse " + E(d.Id)).Append("</h2><table>");
        void Row(string name, string value) => html.Append("<tr><th>").Append(name).Append("</th><td>").Append(value).Append("</td></tr>");
        if (d.Id is not null)
        {
            Row("Grundlag", E(d.Basis ?? "–"));
            Row("Foranstaltninger", E(string.Join(", ", d.Measures)));
            Row("Borger (reference)", E(d.Resident ?? "–"));
            Row("Periode", d.Nbf is { } nbf && d.Exp is { } exp ? E($"{IsoTime.Format(nbf)} – {IsoTime.Format(exp)}") : "–");
            Row("Indlæst / udløbet / tilbagekaldt", $"{d.Imports} / {d.Expiries} / {d.Revocations}");
        }
        Row("Indsigelser", N(d.Objections));
        Row("Kig ind givet", N(d.CheckInsGranted));
        Row("Kig ind afvist (årsag)", Counts(d.CheckInsRefused));
        Row("Set i sekunder (i alt / længste)", $"{S(d.ViewedSecondsTotal)} / {S(d.ViewedSecondsLongest)}");
        Row("Døralarmer (art)", Counts(d.DoorAlarms));
        Row("Dør frigivet (årsag)", Counts(d.DoorReleases));
        Row("Sensoralarmer (art)", Counts(d.SensorAlarms));
        html.Append("</table>");
        Chart(html, d.PerDay, month);
        html.Append("</section>");
    }

    /// <summary>One bar per day of the month, scaled to the busiest day; the day numbers under every fifth bar.</summary>
    static void Chart(StringBuilder html, int[] perDay, string month)
    {
        const double width = 310, height = 60, baseLine = 52;
        var max = Math.Max(1, perDay.Max());
        var step = width / perDay.Length;
        html.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Brug pr. dag i {E(month)}, højst {max}\">");
        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"0\" y1=\"{baseLine}\" x2=\"{width}\" y2=\"{baseLine}\"/>");
        for (var i = 0; i < perDay.Length; i++)
        {
            var h = perDay[i] * (baseLine - 4) / max;
            html.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar\" x=\"{i * step + 1:0.##}\" y=\"{baseLine - h:0.##}\" width=\"{step - 2:0.##}\" height=\"{h:0.##}\"><title>{i + 1}.: {perDay[i]}</title></rect>");
            if (i == 0 || (i + 1) % 5 == 0)
                html.Append(CultureInfo.InvariantCulture, $"<text class=\"day\" x=\"{i * step + 1:0.##}\" y=\"{height - 1}\">{i + 1}</text>");
        }
        html.Append("</svg>");
    }

    static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "0" : string.Join(", ", counts.Select(c => $"{E(c.Key)}: {c.Value}"));

    static string E(string text) => WebUtility.HtmlEncode(text);

    static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    static string S(double s) => s.ToString("0.#", CultureInfo.InvariantCulture);
}
