namespace Frikommune.Edge.Sensors;

public enum SensorRejection : byte
{
    None,
    Oversized,
    NotUtf8,
    MalformedJson,
    TooDeep,
    WrongType,
    UnknownEvent,
}

public static class SensorRejections
{
    /// <summary>The reason code used in logs and metric labels; the payload's own are <see cref="PayloadGuard"/>'s.</summary>
    public static string Code(this SensorRejection reason) => reason switch
    {
        SensorRejection.Oversized => PayloadGuard.Oversized,
        SensorRejection.NotUtf8 => PayloadGuard.NotUtf8,
        SensorRejection.MalformedJson => PayloadGuard.MalformedJson,
        SensorRejection.TooDeep => PayloadGuard.TooDeep,
        SensorRejection.WrongType => "wrong-type",
        SensorRejection.UnknownEvent => "unknown-event",
        _ => "none",
    };
}

/// <summary>
/// A reading or a rejection. <see cref="Detail"/> says where or how big, never what the payload held:
/// a sensor payload is health data about a resident.
/// </summary>
public readonly record struct SensorDecodeResult(SensorReading Reading, SensorRejection Rejection, string? Detail)
{
    public bool IsReading => Rejection == SensorRejection.None;

    public static SensorDecodeResult Of(SensorReading reading) => new(reading, SensorRejection.None, null);
    public static SensorDecodeResult Reject(SensorRejection reason, string detail) => new(default, reason, detail);
}
