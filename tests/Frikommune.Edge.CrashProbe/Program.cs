using Frikommune.Edge.Audit;
using Frikommune.Edge.Storage;

// crash-probe audit-burst DBFILE: many concurrent appenders, printing "durable N" after each durable append,
// so the test knows records were acknowledged before it pulls the plug (SIGKILL).
if (args is ["alarm-burst", var alarmFile]) return await Frikommune.Edge.CrashProbe.AlarmBurst.RunAsync(alarmFile);
if (args is not ["audit-burst", var file]) { Console.Error.WriteLine("usage: audit-burst DBFILE | alarm-burst DBFILE"); return 2; }
var database = new Database(file);
database.Migrate([new AuditSchema()]);
var trail = new SqliteAuditTrail(database, TimeProvider.System);
var acknowledged = 0L;
var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
{
    for (var i = 0; ; i++)
    {
        await trail.AppendAsync(new AuditEntry("probe") { Details = new Dictionary<string, string?> { ["writer"] = w.ToString(), ["i"] = i.ToString() } });
        var n = Interlocked.Increment(ref acknowledged);
        if (n % 100 == 0) Console.WriteLine($"durable {n}");
    }
})).ToArray();
await Task.WhenAll(writers);
return 0;
