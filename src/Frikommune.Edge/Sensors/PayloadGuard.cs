using System.Text.Json;
using System.Text.Unicode;

namespace Frikommune.Edge.Sensors;

/// <summary>
/// The one guard and limit table for payloads a stranger on the network can send (CONTRACT § 4: malformed or
/// oversized messages are dropped, counted and logged with the topic only). The MQTT adapter puts it in front of
/// every topic; the sensor codec uses the same limits and codes for a reading that arrives another way.
/// Checks run cheapest first, so a flood of garbage costs no more than reading it once.
/// </summary>
public static class PayloadGuard
{
    public const int MaxBytes = 64 * 1024;
    /// <summary>Levels of nesting allowed; a sensor's state is a few levels deep at most.</summary>
    public const int MaxJsonDepth = 16;

    /// <summary>The reason codes, as counted in <c>frikommune_mqtt_dropped_total</c> and logged.</summary>
    public const string Oversized = "oversized", NotUtf8 = "not-utf8", MalformedJson = "malformed-json", TooDeep = "too-deep";

    public static string? CheckSize(long length) => length > MaxBytes ? Oversized : null;

    public static string? CheckText(ReadOnlySpan<byte> payload) =>
        CheckSize(payload.Length) ?? (Utf8.IsValid(payload) ? null : NotUtf8);

    /// <summary>Whole, shallow JSON: one value, at most <see cref="MaxJsonDepth"/> levels deep (an empty payload is malformed).</summary>
    public static string? CheckJson(ReadOnlySpan<byte> payload)
    {
        if (CheckText(payload) is { } problem) return problem;
        // One level more for the reader, so the walk stops at the limit itself and says why.
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = MaxJsonDepth + 1 });
        try
        {
            while (reader.Read())
                if (IsTooDeep(ref reader)) return TooDeep;
            return reader.BytesConsumed > 0 ? null : MalformedJson;
        }
        catch (JsonException) { return MalformedJson; }
    }

    /// <summary>True at an object or array that would open level <see cref="MaxJsonDepth"/> + 1.</summary>
    public static bool IsTooDeep(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxJsonDepth;
}
