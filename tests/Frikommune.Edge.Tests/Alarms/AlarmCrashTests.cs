using Frikommune.Edge.Audit;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Frikommune.Edge.Tests.Alarms;

/// <summary>The alarm journal killed (SIGKILL) twenty times mid-burst: every change it called durable is on disk, in order, with its audit record.</summary>
public sealed class AlarmCrashTests
{
    [Fact]
    public async Task Twenty_SIGKILLs_in_a_burst_of_alarm_changes_lose_no_durable_change_and_keep_each_alarms_order()
    {
        using var dir = new TempDirectory();
        var file = dir.File("gateway.db");
        var durable = new List<(string Alarm, string Change)>();
        for (var kill = 0; kill < 20; kill++)
        {
            using var probe = ChildProcess.StartDll("Frikommune.Edge.CrashProbe", "alarm-burst", file);
            await probe.WaitForLineAsync(l => l.StartsWith("durable ") && l.EndsWith(" resolved"), TimeSpan.FromSeconds(60));
            probe.Kill();
            await probe.WaitForExitAsync(TimeSpan.FromSeconds(10));
            durable.AddRange(probe.Output.Split('\n').Where(l => l.StartsWith("durable ")).Select(l => l.Split(' ')).Select(p => (p[1], p[2])));
        }

        var database = new Database(file);
        database.Migrate(GatewayStorage.Schemas);
        var outbox = Rows(database, "SELECT alarm_id, change FROM alarm_outbox ORDER BY seq");
        var audited = Rows(database, "SELECT alarm, kind FROM audit WHERE alarm IS NOT NULL ORDER BY seq");
        var missing = durable.Except(outbox).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {durable.Count} durable changes missing, e.g. {missing.FirstOrDefault()}");
        Assert.Equal(outbox.Count, audited.Count); // the change and its record: one transaction
        Assert.Equal(outbox.Select(o => (o.Item1, "alarm-" + o.Item2)), audited);
        foreach (var alarm in outbox.GroupBy(o => o.Item1))
        {
            var order = alarm.Select(o => o.Item2).ToList();
            Assert.Equal(new[] { "raised", "acknowledged", "resolved" }.Take(order.Count), order);
        }
        var verified = new AuditVerifier(new AuditReader(database)).Verify();
        SqliteConnection.ClearAllPools();
        Assert.True(verified.Intact, verified.Problem);
    }

    static List<(string, string)> Rows(Database database, string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var r = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetString(1)));
        return rows;
    }
}
