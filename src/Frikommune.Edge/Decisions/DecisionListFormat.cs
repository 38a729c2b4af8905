using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Wire;

namespace Frikommune.Edge.Decisions;

/// <summary>The two outputs of <c>decisions list</c>: a JSON array (<c>--json</c>) and a plain table.</summary>
public static class DecisionListFormat
{
    static readonly DecisionJsonContext Json = new(WireJson.Options(indented: true));

    internal static readonly DecisionJsonContext Compact = new(WireJson.Options());

    public static string ToJson(IEnumerable<DecisionView> views) => JsonSerializer.Serialize(views.ToList(), Json.ListDecisionView);

    public static string ToTable(IEnumerable<DecisionView> views)
    {
        string[] header = ["ID", "ISSUER", "BASIS", "MEASURES", "ROOMS", "DOORS", "RESIDENT", "NBF", "EXP", "STATE"];
        var rows = views.Select(v => new[]
        {
            v.Id, Cell(v.Issuer), v.Basis, Join(v.Measures), Join(v.Rooms), Join(v.Doors), v.Resident, IsoTime.Format(v.Nbf), IsoTime.Format(v.Exp), v.State,
        }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        return text.ToString();
    }

    // The issuer is free text signed by the municipality: keep a table one line per decision and readable.
    static string Cell(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length == 0 ? "-" : clean.Length > 40 ? clean[..39] + "…" : clean;
    }

    static string Join(IReadOnlyList<string> items) => items.Count == 0 ? "-" : string.Join(',', items);
}

/// <summary>
/// Source-generated metadata for <c>decisions list --json</c>, <c>GET /api/decisions</c> and the tokens the gateway signs
/// itself, used with <see cref="WireJson"/>'s rules.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<DecisionView>))]
[JsonSerializable(typeof(JwsHeader))]
[JsonSerializable(typeof(DecisionClaimsPayload))]
sealed partial class DecisionJsonContext : JsonSerializerContext;
