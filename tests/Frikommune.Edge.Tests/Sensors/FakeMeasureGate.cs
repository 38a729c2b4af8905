using Frikommune.Edge.Sensors;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Tests.Sensors;

/// <summary>A gate whose answer tests set, and which remembers what it was asked.</summary>
public sealed class FakeMeasureGate : IMeasureGate
{
    public bool Allows { get; set; } = true;
    public List<(string Measure, string Resident, string Room)> Asked { get; } = [];

    public bool InForce(string measure, string resident, string room)
    {
        Asked.Add((measure, resident, room));
        return Allows;
    }
}

public sealed class RecordingObserver : ISensorObserver
{
    public List<string> HeardFrom { get; } = [];
    public List<(string Sensor, SensorReading Reading)> Observed { get; } = [];

    public void Heard(SensorBinding sensor) => HeardFrom.Add(sensor.Id);
    public void Observe(SensorBinding sensor, SensorReading reading) => Observed.Add((sensor.Id, reading));
}
