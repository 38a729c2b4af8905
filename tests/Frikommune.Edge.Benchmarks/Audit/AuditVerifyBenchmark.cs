using BenchmarkDotNet.Attributes;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Benchmarks.Audit;

/// <summary><c>audit verify</c> over 1,000,000 records. Target: ≤ 5 s.</summary>
[SimpleJob(warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class AuditVerifyBenchmark
{
    const int Records = 1_000_000;
    string _dir = "";
    AuditVerifier _verifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("fke-bench-").FullName;
        var database = new Database(Path.Combine(_dir, "gateway.db"));
        database.Migrate([new AuditSchema()]);
        using (var trail = new SqliteAuditTrail(database, TimeProvider.System))
        {
            var pending = new List<Task>(Records);
            for (var i = 0; i < Records; i++)
                pending.Add(trail.AppendAsync(new AuditEntry(i % 3 == 0 ? "alarm-raised" : "door-released")
                {
                    Refs = new AuditRefs(Door: "door-west", Alarm: $"a-{i}"),
                    Details = new Dictionary<string, string?> { ["cause"] = "button-pair", ["priority"] = "high" },
                }));
            Task.WaitAll(pending);
        }
        _verifier = new AuditVerifier(new AuditReader(database));
    }

    [Benchmark]
    public long Verify()
    {
        var result = _verifier.Verify();
        if (!result.Intact || result.Records != Records) throw new InvalidOperationException(result.Problem ?? "wrong count");
        return result.Records;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, true);
}
