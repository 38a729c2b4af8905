namespace Frikommune.Edge.Sensors;

/// <summary>Receives what the intake lets through. Called on the thread that delivered the payload.</summary>
public interface ISensorObserver
{
    /// <summary>The device spoke (a device fact, recorded even when the reading itself is dropped).</summary>
    void Heard(SensorBinding sensor);

    /// <summary>A reading about the resident whose measure is in force.</summary>
    void Observe(SensorBinding sensor, SensorReading reading);
}
