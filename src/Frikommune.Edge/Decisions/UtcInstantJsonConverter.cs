using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frikommune.Edge.Decisions;

/// <summary>Writes instants as ISO 8601 UTC with a <c>Z</c> (<c>2026-11-23T21:04:05Z</c>), as every time on the contract is.</summary>
public sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
{
    const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
