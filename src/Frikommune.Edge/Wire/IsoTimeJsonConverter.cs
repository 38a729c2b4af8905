using System.Text.Json;
using System.Text.Json.Serialization;
using Frikommune.Edge.Clock;

namespace Frikommune.Edge.Wire;

/// <summary>Every instant in a payload as <see cref="IsoTime"/> writes it.</summary>
public sealed class IsoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IsoTime.Parse(reader.GetString() ?? throw new JsonException("an instant must be a string"));

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(IsoTime.Format(value));
}
