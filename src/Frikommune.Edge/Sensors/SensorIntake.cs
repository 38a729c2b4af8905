using System.Buffers;
using System.Collections.Frozen;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Sensors;

public enum IntakeStatus : byte
{
    /// <summary>Resident data whose measure is in force; passed to the observer.</summary>
    Accepted,
    /// <summary>Resident data without a measure in force: dropped and only counted.</summary>
    Dropped,
    /// <summary>Device facts only (no occupancy); nothing about the resident.</summary>
    Status,
    /// <summary>Malformed or oversized; see the reason.</summary>
    Rejected,
    /// <summary>No configured sensor has that id or topic.</summary>
    UnknownSensor,
}

/// <param name="Reading">Set for Accepted and Status only; never for Dropped.</param>
public readonly record struct IntakeOutcome(IntakeStatus Status, SensorReading Reading = default,
    SensorRejection Rejection = SensorRejection.None, string? Detail = null);

/// <summary>
/// Sensor payloads in, resident data out only where a decision allows it (LEGAL.md rule 2: data minimisation).
/// The adapter hands it raw bytes; the intake decodes, gates, counts and notifies the observer.
/// </summary>
public sealed class SensorIntake
{
    readonly FrozenDictionary<string, SensorBinding> byId;
    readonly FrozenDictionary<string, SensorBinding> byTopic;
    readonly FrozenDictionary<string, SensorCounters> counters;
    readonly IMeasureGate gate;
    readonly ISensorObserver observer;

    public SensorIntake(IEnumerable<SensorBinding> sensors, IMeasureGate gate, ISensorObserver observer)
    {
        var list = sensors.ToList();
        byId = list.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        byTopic = list.ToFrozenDictionary(s => s.Topic, StringComparer.Ordinal);
        counters = list.ToFrozenDictionary(s => s.Id, s => new SensorCounters(s.Id), StringComparer.Ordinal);
        this.gate = gate;
        this.observer = observer;
    }

    public IEnumerable<SensorBinding> Sensors => byId.Values;

    public bool TryFindByTopic(string topic, out SensorBinding sensor) => byTopic.TryGetValue(topic, out sensor!);

    public IEnumerable<SensorCountsSnapshot> Counts() => counters.Values.Select(c => c.Snapshot());

    public IntakeOutcome ReceiveOnTopic(string topic, in ReadOnlySequence<byte> payload) =>
        byTopic.TryGetValue(topic, out var sensor) ? Receive(sensor, SensorCodec.Decode(sensor, payload)) : Unknown;

    public IntakeOutcome Receive(string sensorId, ReadOnlySpan<byte> payload) =>
        byId.TryGetValue(sensorId, out var sensor) ? Receive(sensor, SensorCodec.Decode(sensor, payload)) : Unknown;

    public IntakeOutcome Receive(string sensorId, in ReadOnlySequence<byte> payload) =>
        byId.TryGetValue(sensorId, out var sensor) ? Receive(sensor, SensorCodec.Decode(sensor, payload)) : Unknown;

    static IntakeOutcome Unknown => new(IntakeStatus.UnknownSensor);

    IntakeOutcome Receive(SensorBinding sensor, SensorDecodeResult decoded)
    {
        var count = counters[sensor.Id];
        if (!decoded.IsReading)
        {
            // Garbage does not prove the device works, so it does not count as heard.
            count.CountRejected(decoded.Rejection);
            return new IntakeOutcome(IntakeStatus.Rejected, Rejection: decoded.Rejection, Detail: decoded.Detail);
        }
        observer.Heard(sensor);
        var reading = decoded.Reading;
        if (!reading.IsAboutResident)
        {
            count.CountStatus();
            return new IntakeOutcome(IntakeStatus.Status, reading);
        }
        if (!gate.InForce(sensor.Measure, sensor.Resident, sensor.Room))
        {
            count.CountDropped();
            return new IntakeOutcome(IntakeStatus.Dropped);
        }
        count.CountAccepted();
        observer.Observe(sensor, reading);
        return new IntakeOutcome(IntakeStatus.Accepted, reading);
    }
}
