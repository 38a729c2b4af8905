using System.Text.Json;

namespace Frikommune.Edge.Sensors;

enum SensorField : byte { None, Motion, Event, Ts, Occupancy, Battery, LinkQuality }

/// <summary>The known top-level values of a payload, gathered during the walk, then read as one signal.</summary>
struct SensorFields
{
    bool? motion;
    SensorSignal? sleepEvent;
    bool? occupancy;
    DateTimeOffset? ts;
    int? battery;
    int? linkQuality;

    // JSON null counts as absent: zigbee2mqtt publishes null for a state it does not know yet.
    public SensorRejection Read(SensorField field, ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return SensorRejection.None;
        switch (field)
        {
            case SensorField.Motion: return ReadBool(ref reader, out motion);
            case SensorField.Occupancy: return ReadBool(ref reader, out occupancy);
            case SensorField.Event: return ReadEvent(ref reader);
            case SensorField.Ts: return ReadTimestamp(ref reader);
            case SensorField.Battery: return ReadNumber(ref reader, 0, 100, out battery);
            case SensorField.LinkQuality: return ReadNumber(ref reader, 0, 255, out linkQuality);
            default: return SensorRejection.None;
        }
    }

    public readonly SensorDecodeResult ToNative(SensorKind kind)
    {
        SensorSignal? signal = kind == SensorKind.Motion
            ? motion switch { true => SensorSignal.Motion, false => SensorSignal.NoMotion, null => null }
            : sleepEvent;
        var stray = kind == SensorKind.Motion ? sleepEvent is not null : motion is not null;
        if (signal is not { } s || stray)
            return SensorDecodeResult.Reject(SensorRejection.UnknownEvent,
                kind == SensorKind.Motion ? "a motion sensor sends motion true or false" : "a sleep sensor sends a known event");
        return SensorDecodeResult.Of(new SensorReading(s, ts, battery, linkQuality));
    }

    // occupancy on a pressure mat is "in bed"; on a PIR it is motion. Without it the state is device facts only.
    public readonly SensorDecodeResult ToZigbee2Mqtt(SensorKind kind)
    {
        var signal = (kind, occupancy) switch
        {
            (_, null) => SensorSignal.Status,
            (SensorKind.Motion, true) => SensorSignal.Motion,
            (SensorKind.Motion, false) => SensorSignal.NoMotion,
            (_, true) => SensorSignal.InBed,
            (_, false) => SensorSignal.OutOfBed,
        };
        return SensorDecodeResult.Of(new SensorReading(signal, ts, battery, linkQuality));
    }

    static SensorRejection ReadBool(ref Utf8JsonReader reader, out bool? value)
    {
        value = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
        return value is null ? SensorRejection.WrongType : SensorRejection.None;
    }

    SensorRejection ReadEvent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return SensorRejection.WrongType;
        sleepEvent =
            reader.ValueTextEquals("in-bed"u8) ? SensorSignal.InBed :
            reader.ValueTextEquals("out-of-bed"u8) ? SensorSignal.OutOfBed :
            reader.ValueTextEquals("seizure"u8) ? SensorSignal.Seizure :
            reader.ValueTextEquals("breathing-irregular"u8) ? SensorSignal.BreathingIrregular :
            reader.ValueTextEquals("heart-rate-irregular"u8) ? SensorSignal.HeartRateIrregular :
            null;
        return sleepEvent is null ? SensorRejection.UnknownEvent : SensorRejection.None;
    }

    // An ISO 8601 string, or Unix time: seconds, or milliseconds when too large to be seconds.
    SensorRejection ReadTimestamp(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!reader.TryGetDateTimeOffset(out var parsed)) return SensorRejection.WrongType;
            ts = parsed;
            return SensorRejection.None;
        }
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var n)) return SensorRejection.WrongType;
        var ms = n < 100_000_000_000d ? n * 1000d : n;
        if (ms is < 0 or > 253_402_300_799_999d) return SensorRejection.WrongType;
        ts = DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        return SensorRejection.None;
    }

    // Out-of-range device facts are left out rather than rejected: the occupancy beside them still matters.
    static SensorRejection ReadNumber(ref Utf8JsonReader reader, int min, int max, out int? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var n)) return SensorRejection.WrongType;
        if (n >= min && n <= max) value = (int)Math.Round(n);
        return SensorRejection.None;
    }
}
