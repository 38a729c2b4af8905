using System.Text.Json;
using System.Text.Unicode;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// The first thing every inbound message meets. Returns why a payload must be dropped, or null.
/// Cheap on purpose: a flood of garbage must not cost more than reading it once.
/// </summary>
public static class InboundGuard
{
    public const int MaxPayloadBytes = 64 * 1024;
    public const int MaxJsonDepth = 64;

    public const string TooLarge = "too-large", Empty = "empty", NotUtf8 = "not-utf8", MalformedJson = "malformed-json";

    public static string? Check(ReadOnlySpan<byte> payload, PayloadKind expects)
    {
        if (payload.Length > MaxPayloadBytes) return TooLarge;
        if (expects == PayloadKind.Bytes) return null;
        if (payload.IsEmpty) return expects == PayloadKind.Json ? Empty : null;
        if (!Utf8.IsValid(payload)) return NotUtf8;
        return expects == PayloadKind.Json && !IsJson(payload) ? MalformedJson : null;
    }

    static bool IsJson(ReadOnlySpan<byte> payload)
    {
        // MaxDepth stops a 10,000-deep nesting at level 65 instead of walking it.
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = MaxJsonDepth });
        try
        {
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException) { return false; }
    }
}
