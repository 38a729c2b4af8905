using System.Buffers;
using System.Text.Json;

namespace Frikommune.Edge.Sensors;

/// <summary>
/// Decodes a sensor payload into a <see cref="SensorReading"/> or a rejection. Checks are ordered cheapest
/// first (size and UTF-8 by the one <see cref="PayloadGuard"/>, then a depth-limited JSON walk with its limit)
/// so hostile payloads cost little. Never throws.
/// </summary>
public static class SensorCodec
{
    public const int MaxPayloadBytes = PayloadGuard.MaxBytes;
    public const int MaxDepth = PayloadGuard.MaxJsonDepth;

    public static SensorDecodeResult Decode(SensorBinding sensor, ReadOnlySpan<byte> payload) =>
        Decode(sensor.Kind, sensor.Format, payload);

    public static SensorDecodeResult Decode(SensorBinding sensor, in ReadOnlySequence<byte> payload) =>
        Decode(sensor.Kind, sensor.Format, payload);

    public static SensorDecodeResult Decode(SensorKind kind, SensorFormat format, in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment) return Decode(kind, format, payload.FirstSpan);
        if (PayloadGuard.CheckSize(payload.Length) is not null) return Oversized(payload.Length);
        var length = (int)payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(buffer);
            return Decode(kind, format, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static SensorDecodeResult Decode(SensorKind kind, SensorFormat format, ReadOnlySpan<byte> payload)
    {
        switch (PayloadGuard.CheckText(payload))
        {
            case PayloadGuard.Oversized: return Oversized(payload.Length);
            case PayloadGuard.NotUtf8: return SensorDecodeResult.Reject(SensorRejection.NotUtf8, "payload is not valid UTF-8");
        }
        if (payload.IsEmpty) return SensorDecodeResult.Reject(SensorRejection.MalformedJson, "empty payload");
        if (payload.StartsWith("\uFEFF"u8)) payload = payload[3..];
        try
        {
            return SensorPayloadParser.Parse(kind, format, payload);
        }
        catch (JsonException e)
        {
            return SensorDecodeResult.Reject(SensorRejection.MalformedJson, $"invalid JSON at byte {e.BytePositionInLine}");
        }
    }

    static SensorDecodeResult Oversized(long length) =>
        SensorDecodeResult.Reject(SensorRejection.Oversized, $"{length} bytes, limit {MaxPayloadBytes}");
}
