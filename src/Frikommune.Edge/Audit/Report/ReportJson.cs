using Frikommune.Edge.Clock;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Frikommune.Edge.Audit.Report;

/// <summary>The report as JSON: <c>audit report --format json</c> and <c>GET /api/reports/{month}</c>.</summary>
public static class ReportJson
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // "§" stays readable; HTML-sensitive characters are still escaped
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new UtcConverter() },
    };

    public static string Serialize(MonthlyReport report) => JsonSerializer.Serialize(report, Options);

    sealed class UtcConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(IsoTime.Format(value));
    }
}
