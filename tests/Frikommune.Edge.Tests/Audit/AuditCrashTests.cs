using Frikommune.Edge.Audit;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Frikommune.Edge.Tests.Audit;

public sealed class AuditCrashTests
{
    [Fact]
    public async Task A_process_killed_in_a_burst_of_appends_leaves_a_trail_that_verifies_with_every_acknowledged_record()
    {
        using var dir = new TempDirectory();
        var file = dir.File("gateway.db");
        long acknowledged;
        using (var probe = ChildProcess.StartDll("Frikommune.Edge.CrashProbe", "audit-burst", file))
        {
            var line = await probe.WaitForLineAsync(l => l.StartsWith("durable ") && long.Parse(l[8..]) >= 2000, TimeSpan.FromSeconds(60));
            probe.Kill(); // SIGKILL: no chance to flush or close anything
            await probe.WaitForExitAsync(TimeSpan.FromSeconds(10));
            acknowledged = probe.Output.Split('\n').Where(l => l.StartsWith("durable ")).Max(l => long.Parse(l[8..]));
            Assert.True(acknowledged >= 2000, line);
        }
        var database = new Database(file);
        database.Migrate([new AuditSchema()]);
        var result = new AuditVerifier(new AuditReader(database)).Verify();
        SqliteConnection.ClearAllPools();
        Assert.True(result.Intact, result.Problem);
        Assert.True(result.Records >= acknowledged, $"{result.Records} records on disk, {acknowledged} were acknowledged as durable");
    }
}
