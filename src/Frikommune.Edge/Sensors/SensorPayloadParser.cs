using System.Text.Json;

namespace Frikommune.Edge.Sensors;

/// <summary>
/// One forward pass over the payload with <see cref="Utf8JsonReader"/>: top-level keys the format knows
/// are read and type-checked, everything else is walked only to prove the JSON is whole and shallow.
/// </summary>
static class SensorPayloadParser
{
    static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = PayloadGuard.MaxJsonDepth + 1 };

    public static SensorDecodeResult Parse(SensorKind kind, SensorFormat format, ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        var fields = new SensorFields();
        var rootIsObject = false;
        var first = true;
        var seen = 0;
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (first) { rootIsObject = token == JsonTokenType.StartObject; first = false; }
            if (PayloadGuard.IsTooDeep(ref reader))
                return SensorDecodeResult.Reject(SensorRejection.TooDeep, $"nesting deeper than the limit of {PayloadGuard.MaxJsonDepth}");
            if (token != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;

            var field = Match(format, ref reader);
            reader.Read();
            if (field == SensorField.None) continue;
            var bit = 1 << (int)field;
            if ((seen & bit) != 0) return SensorDecodeResult.Reject(SensorRejection.MalformedJson, "duplicate property");
            seen |= bit;
            var rejection = fields.Read(field, ref reader);
            if (rejection != SensorRejection.None) return SensorDecodeResult.Reject(rejection, Describe(rejection, field));
        }
        if (first) return SensorDecodeResult.Reject(SensorRejection.MalformedJson, "no JSON value");
        if (!rootIsObject) return SensorDecodeResult.Reject(SensorRejection.WrongType, "payload is not a JSON object");
        return format == SensorFormat.Native ? fields.ToNative(kind) : fields.ToZigbee2Mqtt(kind);
    }

    static SensorField Match(SensorFormat format, ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("ts"u8)) return SensorField.Ts;
        if (format == SensorFormat.Native)
        {
            if (reader.ValueTextEquals("event"u8)) return SensorField.Event;
            if (reader.ValueTextEquals("motion"u8)) return SensorField.Motion;
            return SensorField.None;
        }
        if (reader.ValueTextEquals("occupancy"u8)) return SensorField.Occupancy;
        if (reader.ValueTextEquals("battery"u8)) return SensorField.Battery;
        if (reader.ValueTextEquals("linkquality"u8)) return SensorField.LinkQuality;
        return SensorField.None;
    }

    // Names the key, which the contract fixes, never the value that was sent.
    static string Describe(SensorRejection rejection, SensorField field) => (rejection, field) switch
    {
        (SensorRejection.UnknownEvent, _) => "event is not one the sensor kind knows",
        (_, SensorField.Motion) => "motion must be true or false",
        (_, SensorField.Event) => "event must be a string",
        (_, SensorField.Ts) => "ts must be an ISO 8601 string or Unix time",
        (_, SensorField.Occupancy) => "occupancy must be true or false",
        (_, SensorField.Battery) => "battery must be a number",
        (_, SensorField.LinkQuality) => "linkquality must be a number",
        _ => "wrong type",
    };
}
