using Frikommune.Edge.Benchmarks.Mqtt;

namespace Frikommune.Edge.Benchmarks.Alarms;

/// <summary>
/// What one intake burst cost and who else ran meanwhile: CPU seconds of the receiver (the bench process with the
/// gateway in it, or a reference receiver), the broker, the <c>mosquitto_pub</c> runs (children reaped during the burst)
/// and the rest of the machine (other helpers' builds), beside the receiver's garbage collections. A slow burst shows
/// here as either a busier machine or more work in one of the processes.
/// </summary>
sealed record BurstProbe(TimeSpan Receiver, TimeSpan Broker, TimeSpan Publishers, TimeSpan Machine, long Wall, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long Allocated, long Contention,
    TimeSpan ReceiverWait, TimeSpan BrokerWait, TimeSpan Bench)
{
    /// <summary>Counters now; <paramref name="receiverCpu"/> null means this process is the receiver (its GC counts apply).</summary>
    public static BurstProbe Take(int brokerPid, Func<TimeSpan>? receiverCpu = null, int? receiverPid = null) => new(
        receiverCpu?.Invoke() ?? Environment.CpuUsage.TotalTime, ProcessCpu.Of(brokerPid), ProcessCpu.ReapedChildren(), ProcessCpu.MachineBusy(),
        System.Diagnostics.Stopwatch.GetTimestamp(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
        GC.GetTotalAllocatedBytes(), Monitor.LockContentionCount, ProcessCpu.RunQueueWait(receiverPid ?? Environment.ProcessId), ProcessCpu.RunQueueWait(brokerPid),
        Environment.CpuUsage.TotalTime);

    /// <summary>The burst from <paramref name="start"/> to this probe, in one line; GC figures only when this process received.</summary>
    public string Since(BurstProbe start, bool gatewayReceived)
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(start.Wall, Wall).TotalSeconds;
        var receiver = (Receiver - start.Receiver).TotalSeconds;
        var broker = (Broker - start.Broker).TotalSeconds;
        var publishers = (Publishers - start.Publishers).TotalSeconds;
        var machine = (Machine - start.Machine).TotalSeconds;
        // The bench process runs the gateway; during a reference receiver's burst it only polls (shown apart).
        var bench = gatewayReceived ? 0 : (Bench - start.Bench).TotalSeconds;
        var rest = machine - receiver - broker - publishers - bench;
        var text = $"    cpu s of {wall:F1} s × {Environment.ProcessorCount} cores: receiver {receiver:F1}, broker {broker:F1}, mosquitto_pub {publishers:F1}, "
            + (gatewayReceived ? "" : $"bench (idle gateway, polling) {bench:F1}, ")
            + $"rest of machine {rest:F1} (machine {machine / wall / Environment.ProcessorCount:P0} busy)"
            + $"; waited for a core: receiver {(ReceiverWait - start.ReceiverWait).TotalSeconds:F1} s, broker {(BrokerWait - start.BrokerWait).TotalSeconds:F1} s";
        if (gatewayReceived)
            text += $"; GC gen0/1/2 +{Gen0 - start.Gen0}/+{Gen1 - start.Gen1}/+{Gen2 - start.Gen2}, paused {(GcPause - start.GcPause).TotalMilliseconds:F0} ms, allocated {(Allocated - start.Allocated) / 1048576.0:F0} MB (whole process), lock contentions +{Contention - start.Contention}";
        return text;
    }
}
