using BenchmarkDotNet.Attributes;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Benchmarks.Audit;

/// <summary>
/// Durable appends from 64 concurrent callers, each waiting for its record to be committed
/// (synchronous=FULL, group commit). Target: ≥ 5,000 records/s.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class AuditAppendBenchmark
{
    const int Records = 5_000;
    string _dir = "";
    SqliteAuditTrail _trail = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("fke-bench-").FullName;
        var database = new Database(Path.Combine(_dir, "gateway.db"));
        database.Migrate([new AuditSchema()]);
        _trail = new SqliteAuditTrail(database, TimeProvider.System);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public async Task DurableAppend()
    {
        var perCaller = Records / 64;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async c =>
        {
            for (var i = 0; i < perCaller; i++)
                await _trail.AppendAsync(new AuditEntry("door-released") { Refs = new AuditRefs(Door: "door-west"), Details = new Dictionary<string, string?> { ["cause"] = "button-pair" } });
        }));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _trail.Dispose();
        Directory.Delete(_dir, true);
    }
}
