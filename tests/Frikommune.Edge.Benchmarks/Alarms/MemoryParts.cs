using System.Runtime;

namespace Frikommune.Edge.Benchmarks.Alarms;

/// <summary>
/// What the process's memory is made of, beside its RSS: the managed heap (live and committed), the code the JIT has
/// compiled, and the native rest (SQLite's page caches, MQTTnet's and the runtime's own buffers). Shows whether RSS
/// growth is data kept (a leak), a heap not given back, or one-time warm-up.
/// </summary>
sealed record MemoryParts(double LiveMb, double CommittedMb, long JitMethods, double JitIlMb, double RssMb, string Gc)
{
    public static MemoryParts Read()
    {
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo();
        long rssKb = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:")) rssKb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return new MemoryParts(live / 1048576.0, info.TotalCommittedBytes / 1048576.0, System.Runtime.JitInfo.GetCompiledMethodCount(),
            System.Runtime.JitInfo.GetCompiledILBytes() / 1048576.0, rssKb / 1024.0,
            $"{(GCSettings.IsServerGC ? "server" : "workstation")}{(GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent")}");
    }

    public override string ToString() =>
        $"RSS {RssMb:F0} MB = managed heap {LiveMb:F1} MB live / {CommittedMb:F1} MB committed ({Gc} GC) + JIT'd {JitMethods:N0} methods ({JitIlMb:F1} MB IL) + native rest";
}
