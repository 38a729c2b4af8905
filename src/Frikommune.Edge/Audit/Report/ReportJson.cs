using System.Text.Json;
using System.Text.Json.Serialization;
using Frikommune.Edge.Wire;

namespace Frikommune.Edge.Audit.Report;

/// <summary>The report as JSON: <c>audit report --format json</c> and <c>GET /api/reports/{month}</c>.</summary>
public static class ReportJson
{
    // Every field is shown, also an empty one: the page draws the same report whatever happened in the month.
    static readonly ReportJsonContext Json = new(Options());

    static JsonSerializerOptions Options()
    {
        var options = WireJson.Options(indented: true);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }

    public static string Serialize(MonthlyReport report) => JsonSerializer.Serialize(report, Json.MonthlyReport);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MonthlyReport))]
sealed partial class ReportJsonContext : JsonSerializerContext;
