namespace Frikommune.Edge.Sensors;

/// <summary>
/// A decoded payload. <see cref="Timestamp"/> is the sensor's own optional <c>ts</c>: shown, never trusted
/// for rules (the gateway's clock decides). Battery and link quality are device facts.
/// </summary>
public readonly record struct SensorReading(
    SensorSignal Signal, DateTimeOffset? Timestamp = null, int? Battery = null, int? LinkQuality = null)
{
    public bool IsAboutResident => Signal != SensorSignal.Status;
}
