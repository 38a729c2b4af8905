namespace Frikommune.Edge.Sensors;

/// <summary>Counts for one sensor since start. Thread-safe; read a <see cref="Snapshot"/> for metrics and audit.</summary>
public sealed class SensorCounters
{
    long accepted, dropped, status;
    readonly long[] rejected = new long[Enum.GetValues<SensorRejection>().Length];

    public string SensorId { get; }

    public SensorCounters(string sensorId) => SensorId = sensorId;

    internal void CountAccepted() => Interlocked.Increment(ref accepted);
    internal void CountDropped() => Interlocked.Increment(ref dropped);
    internal void CountStatus() => Interlocked.Increment(ref status);
    internal void CountRejected(SensorRejection reason) => Interlocked.Increment(ref rejected[(int)reason]);

    public SensorCountsSnapshot Snapshot()
    {
        var byReason = new Dictionary<string, long>();
        for (var i = 1; i < rejected.Length; i++)
            byReason[((SensorRejection)i).Code()] = Interlocked.Read(ref rejected[i]);
        return new SensorCountsSnapshot(SensorId, Interlocked.Read(ref accepted), Interlocked.Read(ref dropped),
            Interlocked.Read(ref status), byReason);
    }
}

/// <param name="Dropped">Readings dropped on arrival because their measure was not in force (LEGAL.md rule 2).</param>
/// <param name="Status">Device-only states (battery, link quality), no resident data.</param>
/// <param name="Rejected">Malformed payloads by reason code.</param>
public sealed record SensorCountsSnapshot(
    string SensorId, long Accepted, long Dropped, long Status, IReadOnlyDictionary<string, long> Rejected);
