using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.CrashProbe;

/// <summary>
/// crash-probe alarm-burst DBFILE: the real desk and journal raising, acknowledging and resolving alarms as fast as
/// they can, printing "durable ID CHANGE" once each change is durable, so a test can SIGKILL it and check the file.
/// </summary>
static class AlarmBurst
{
    public static async Task<int> RunAsync(string file)
    {
        var database = new Database(file);
        database.Migrate(GatewayStorage.Schemas);
        var audit = new SqliteAuditTrail(database, TimeProvider.System);
        var outbox = new SqliteAlarmOutbox(database, audit);
        var output = new System.Collections.Concurrent.BlockingCollection<string>();
        using var printing = outbox.Subscribe(new Printer(output));
        using var desk = new AlarmDesk("probe", new AlarmsOptions(), outbox, TimeProvider.System);
        desk.Restore(outbox.LoadOpen());
        var printer = Task.Run(() => { foreach (var line in output.GetConsumingEnumerable()) Console.WriteLine(line); });
        for (var i = 0; ; i++)
        {
            var alarm = desk.Raise(AlarmKind.Technical, AlarmSubject.Technical($"probe-{Environment.ProcessId}-{i}")).Alarm;
            desk.Acknowledge(alarm.Id, "probe");
            desk.Resolve(alarm.Id, "probe");
            if (i % 50 == 49) await Task.Delay(1);
        }
    }

    sealed class Printer(System.Collections.Concurrent.BlockingCollection<string> output) : IAlarmObserver
    {
        public void OnDurable(AlarmChange c) => output.Add($"durable {c.Alarm.Id} {c.Change.ToString().ToLowerInvariant()}");
    }
}
