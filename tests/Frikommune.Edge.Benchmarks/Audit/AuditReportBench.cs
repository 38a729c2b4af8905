using System.Diagnostics;
using System.Text.Json.Nodes;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Hosting;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Benchmarks.Audit;

/// <summary>
/// <c>audit report --month 2031-01</c> for a month of a 20-room site: ~200,000 audit records of the kinds the gateway
/// writes (sensor alarms with their acknowledgements, check-ins, door releases and alarms, dropped sensor data,
/// objections), 64 decisions imported the month before. Runs the real command (configuration, SQLite, report, output)
/// in this process, once per format, and prints wall-clock times. Target: ≤ 2 s.
/// Run: <c>dotnet run -c Release --project tests/Frikommune.Edge.Benchmarks -- audit-report</c>
/// </summary>
public static class AuditReportBench
{
    const int Rooms = 20, Doors = 4, Records = 200_000;
    static readonly DateTimeOffset MonthStart = new(2030, 12, 31, 23, 0, 0, TimeSpan.Zero); // 1 January 2031 in Copenhagen

    public static void Run(TextWriter output)
    {
        var dir = Directory.CreateTempSubdirectory("fke-report-bench-").FullName;
        try
        {
            var settings = WriteConfig(dir);
            var fill = Stopwatch.StartNew();
            var written = Fill(settings);
            output.WriteLine($"filled {written:N0} records in {fill.Elapsed.TotalSeconds:F1} s");
            foreach (var format in new[] { "json", "csv", "html", "html", "json" })
            {
                var stdout = new StringWriter();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var code = Frikommune.Edge.Cli.CommandLine.RunAsync(["audit", "report", "--month", "2031-01", "--format", format, "--config", dir], stdout).GetAwaiter().GetResult();
                watch.Stop();
                if (code != 0) throw new InvalidOperationException($"audit report exited {code}");
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                output.WriteLine($"audit report --format {format,-4}  {watch.Elapsed.TotalMilliseconds,7:F0} ms wall, {cpu.TotalMilliseconds,7:F0} ms CPU  ({stdout.GetStringBuilder().Length / 1024:N0} KiB)");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    static GatewaySettings WriteConfig(string dir)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Frikommune.Edge.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "config", "appsettings.json")))!.AsObject();
        json["Storage"]!["Path"] = Path.Combine(dir, "data");
        File.WriteAllText(Path.Combine(dir, "appsettings.json"), json.ToJsonString());
        return GatewaySettings.Load(dir, [], simulate: false);
    }

    static int Fill(GatewaySettings settings)
    {
        var time = new FakeTimeProvider(MonthStart.AddDays(-10));
        var storage = GatewayStorage.Open(settings, time);
        using var trail = new SqliteAuditTrail(storage.Database, time);
        var pending = new List<Task>(Records + 100);
        void Append(string kind, AuditRefs refs, Dictionary<string, string?> details, string actor = AuditEntry.Gateway) =>
            pending.Add(trail.AppendAsync(new AuditEntry(kind, actor) { Refs = refs, Details = details }));

        string Room(int i) => $"room-{i % Rooms + 1:00}";
        string Door(int i) => $"door-{i % Doors + 1}";
        for (var r = 0; r < Rooms; r++)
        {
            Imported($"d-sensors-{r}", "SEL§128b-2", "sleep-monitoring,motion-monitoring", Room(r), "", $"resident-{r:000}");
            Imported($"d-kig-{r}", "SEL§128b-1", "video-checkin", Room(r), "", $"resident-{r:000}");
            Imported($"d-old-{r}", "§14f", "sleep-monitoring", Room(r), "", $"resident-{r:000}");
        }
        for (var d = 0; d < Doors; d++) Imported($"d-door-{d}", "SEL§125", "door-opener", "", Door(d), "resident-door");
        void Imported(string id, string basis, string measures, string rooms, string doors, string resident) =>
            Append("decision-imported", new AuditRefs(Decision: id, Resident: resident), new()
            {
                ["basis"] = basis, ["measures"] = measures, ["rooms"] = rooms, ["doors"] = doors,
                ["nbf"] = "2030-12-01T00:00:00Z", ["exp"] = "2031-06-01T00:00:00Z", ["issuer"] = "herning-kommune", ["kid"] = "herning-2030",
            });

        time.SetUtcNow(MonthStart);
        var step = TimeSpan.FromDays(31) / Records;
        for (var i = 0; i < Records; i++)
        {
            time.Advance(step);
            var room = Room(i / 20);
            switch (i % 20)
            {
                case 0 or 1 or 2:
                    Append("alarm-raised", new AuditRefs(Room: room, Alarm: $"a-{i}"), new() { ["kind"] = i % 2 == 0 ? "bed-exit" : "seizure", ["priority"] = "high", ["escalation"] = "0" });
                    break;
                case 3 or 4 or 5:
                    Append(i % 20 == 5 ? "alarm-resolved" : "alarm-acknowledged", new AuditRefs(Room: room, Alarm: $"a-{i - 3}"), new() { ["kind"] = "bed-exit", ["priority"] = "high", ["escalation"] = "0" }, "staff:anna");
                    break;
                case 6 or 7:
                    Append("checkin-requested", new AuditRefs(Room: room, Session: $"s-{i}", Decision: $"d-kig-{i / 20 % Rooms}"),
                        new() { ["outcome"] = "granted", ["reason"] = "kald", ["via"] = "http", ["expiresAt"] = "2031-01-01T00:00:30.000Z" }, "staff:anna");
                    break;
                case 8:
                    Append("checkin-requested", new AuditRefs(Room: room), new() { ["outcome"] = "refused", ["refusal"] = "cooldown", ["decisions"] = $"d-kig-{i / 20 % Rooms}", ["reason"] = "kald", ["via"] = "mqtt" }, "staff:bo");
                    break;
                case 9 or 10:
                    Append("checkin-closed", new AuditRefs(Room: room, Session: $"s-{i - 3}", Decision: $"d-kig-{i / 20 % Rooms}"),
                        new() { ["reason"] = "time-up", ["staff"] = "anna", ["viewedSeconds"] = (i % 29 + 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    break;
                case 11 or 12 or 13:
                    Append("door-released", new AuditRefs(Door: Door(i)), new() { ["cause"] = i % 3 == 0 ? "button-pair" : "staff:bo", ["seconds"] = "5" });
                    break;
                case 14:
                    Append("alarm-raised", new AuditRefs(Door: Door(i), Alarm: $"a-{i}"), new() { ["kind"] = "door-assistance", ["priority"] = "medium", ["escalation"] = "0" });
                    break;
                case 15:
                    Append("door-mode-changed", new AuditRefs(Door: Door(i), Decision: $"d-door-{i % Doors}"), new() { ["from"] = "free", ["to"] = "special-opener", ["reason"] = "decision" });
                    break;
                case 16 or 17:
                    Append("sensor-events-dropped", new AuditRefs(Room: room), new() { ["sensor"] = $"pir-{i % Rooms}", ["count"] = "3" });
                    break;
                case 18:
                    Append("objection-recorded", new AuditRefs(Resident: $"resident-{i / 20 % Rooms:000}"), new() { ["suspends"] = $"d-kig-{i / 20 % Rooms}", ["continues"] = "", ["changed"] = "true" }, "staff:anna");
                    break;
                default:
                    Append("alarm-raised", new AuditRefs(Room: room, Alarm: $"a-{i}"), new() { ["kind"] = "motion-night", ["priority"] = "medium", ["escalation"] = "0" });
                    break;
            }
        }
        Task.WaitAll(pending);
        return pending.Count;
    }
}
