using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Benchmarks.Mqtt;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Simulation;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Benchmarks.Paging;

/// <summary>
/// Seizure on MQTT → ESPA 4.4.4 call-to-pager block on the line, received by a paging-system simulator at the
/// far end of a TCP line (as a serial-over-TCP converter), beside seizure → alarm on an MQTT subscriber, for the
/// same seizures. Paced like real alarms (one every 7 s by default), through a real Mosquitto on loopback.
/// Run: dotnet run -c Release --project tests/Frikommune.Edge.Benchmarks -- paging [count=30] [paceMs=7000]
/// </summary>
public static class PagingBench
{
    public static async Task RunAsync(TextWriter output, int count, int paceMs)
    {
        using var broker = new BenchBroker();
        broker.Start();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var simulator = new PagingSimulator(TimeProvider.System);
        var onLine = new System.Collections.Concurrent.ConcurrentQueue<long>();
        var lineSignal = new SemaphoreSlim(0);
        simulator.Paged += (_, _) => { onLine.Enqueue(Stopwatch.GetTimestamp()); lineSignal.Release(); };
        using var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                client.NoDelay = true;
                _ = simulator.ServeAsync(client.GetStream(), stop.Token);
            }
        });

        var dir = Directory.CreateTempSubdirectory("fke-bench-paging-").FullName;
        const string prefix = "frikommune/bench";
        WriteSite(dir, broker.Port, prefix, ((IPEndPoint)listener.LocalEndpoint).Port);
        await using var app = GatewayHost.Build(GatewaySettings.Load(dir, [], simulate: false), TimeProvider.System);
        await app.StartAsync();
        var registry = app.Services.GetRequiredService<DecisionRegistry>();
        while (registry.Count < 1) await Task.Delay(50);
        var desk = app.Services.GetRequiredService<AlarmDesk>();

        var factory = new MqttClientFactory();
        using var sender = factory.CreateMqttClient();
        using var staff = factory.CreateMqttClient();
        // One builder each: a builder's client id is fixed when it is made, and two clients with one id push each other off.
        MqttClientOptions Options() => new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build();
        await sender.ConnectAsync(Options());
        await staff.ConnectAsync(Options());
        var mqttSignal = new SemaphoreSlim(0);
        long mqttAt = 0;
        staff.ApplicationMessageReceivedAsync += e =>
        {
            if (Encoding.UTF8.GetString(e.ApplicationMessage.Payload).Contains("\"state\":\"raised\"")) { Interlocked.Exchange(ref mqttAt, Stopwatch.GetTimestamp()); mqttSignal.Release(); }
            return Task.CompletedTask;
        };
        await staff.SubscribeAsync($"{prefix}/alarms/+", MqttQualityOfServiceLevel.AtLeastOnce);

        var espa = new List<double>();
        var mqtt = new List<double>();
        for (var i = 0; i < count + 1; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            await sender.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{prefix}/sensors/bed-1").WithPayload("{\"event\":\"seizure\"}")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            if (!await lineSignal.WaitAsync(TimeSpan.FromSeconds(10))) throw new TimeoutException("no ESPA call on the line");
            if (!await mqttSignal.WaitAsync(TimeSpan.FromSeconds(10))) throw new TimeoutException("no alarm on MQTT");
            onLine.TryDequeue(out var lineAt);
            if (i > 0) // the first round warms up (JIT, connections)
            {
                espa.Add(Stopwatch.GetElapsedTime(t0, lineAt).TotalMilliseconds);
                mqtt.Add(Stopwatch.GetElapsedTime(t0, Interlocked.Read(ref mqttAt)).TotalMilliseconds);
            }
            foreach (var open in desk.Open()) desk.Resolve(open.Id, "bench");
            await Task.Delay(paceMs);
        }
        output.WriteLine($"{count} seizures, one every {paceMs} ms, gateway in process, Mosquitto and the paging simulator on loopback:");
        output.WriteLine($"seizure → ESPA call block on the line (simulator): p50 {P(espa, 50):F2} ms, p99 {P(espa, 99):F2} ms, max {espa.Max():F2} ms (target p99 ≤ 100 ms)");
        output.WriteLine($"seizure → alarm on an MQTT subscriber:            p50 {P(mqtt, 50):F2} ms, p99 {P(mqtt, 99):F2} ms, max {mqtt.Max():F2} ms");
        stop.Cancel();
        listener.Stop();
        await app.StopAsync();
    }

    static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    static void WriteSite(string dir, int mqttPort, string prefix, int pagingPort)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.Combine(dir, "trust"));
        File.WriteAllText(Path.Combine(dir, "trust", "bench.pem"), key.ExportSubjectPublicKeyInfoPem());
        var site = new JsonObject
        {
            ["Site"] = new JsonObject { ["Id"] = "bench", ["TimeZone"] = "Europe/Copenhagen" },
            ["Mqtt"] = new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = mqttPort, ["TopicPrefix"] = prefix },
            ["Http"] = new JsonObject { ["Urls"] = $"http://127.0.0.1:{FreePort()}" },
            ["Storage"] = new JsonObject { ["Path"] = "data" },
            ["Clock"] = new JsonObject { ["RequireSync"] = false },
            ["Gpio"] = new JsonObject { ["Driver"] = "simulated" },
            ["Rooms"] = new JsonArray(new JsonObject
            {
                ["Id"] = "room-1", ["Resident"] = "resident-1",
                ["Sensors"] = new JsonArray(new JsonObject { ["Id"] = "bed-1", ["Kind"] = "sleep", ["Topic"] = $"{prefix}/sensors/bed-1", ["Format"] = "native" }),
            }),
            ["Notify"] = new JsonObject
            {
                ["Receivers"] = new JsonArray(new JsonObject
                {
                    ["Id"] = "dect-night", ["CallAddress"] = "201", ["Host"] = "127.0.0.1", ["Port"] = pagingPort,
                }),
            },
        };
        File.WriteAllText(Path.Combine(dir, "appsettings.json"), site.ToJsonString());
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        var now = DateTimeOffset.UtcNow;
        var token = TokenSigner.Sign(key, "bench", new Dictionary<string, object?>
        {
            ["iss"] = "bench", ["jti"] = "d-1", ["sub"] = "resident-1", ["site"] = "bench", ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = now.AddDays(1).ToUnixTimeSeconds(), ["basis"] = "§14f",
            ["measures"] = new[] { "sleep-monitoring" }, ["rooms"] = new[] { "room-1" }, ["doors"] = Array.Empty<string>(),
            ["consent"] = new { by = "guardian", date = "2026-11-01" },
        });
        var file = Path.Combine(dir, "d-1.jws");
        File.WriteAllText(file, token);
        var code = Cli.CommandLine.RunAsync(["decisions", "import", file, "--config", dir], TextWriter.Null).GetAwaiter().GetResult();
        if (code != 0) throw new InvalidOperationException("the bench decision was not accepted");
    }

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
