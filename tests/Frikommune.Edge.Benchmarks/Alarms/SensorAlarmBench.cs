using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Benchmarks.Mqtt;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Sensors;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Benchmarks.Alarms;

/// <summary>
/// The gateway in process against a real Mosquitto on loopback, driven by a plain MQTT client:
/// (1) sensor message → alarm on a subscriber, measured beside the broker's own publish→subscribe round trip;
/// (2) sustained sensor throughput with QoS 0 and QoS 1, every message counted by the intake, no alarm lost.
/// Run: dotnet run -c Release --project tests/Frikommune.Edge.Benchmarks -- sensor-alarm
/// </summary>
public static class SensorAlarmBench
{
    const int Rooms = 50;
    const int DoorWindowMs = 100;
    static readonly int HttpPort = FreePort();

    static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public static Task RunAsync(TextWriter output) => RunAsync(output, []);

    /// <summary>
    /// <c>sensor-alarm [--quick] [--pace S] [--paced-samples N] [--burst N] [--bursts N] [--flood-rate N]</c>; every gateway
    /// figure stands beside Mosquitto's own round trip measured in the same run.
    /// </summary>
    public static async Task RunAsync(TextWriter output, string[] args)
    {
        var o = AlarmBenchOptions.Parse(args);
        output.WriteLine($"options: {o}");
        output.WriteLine(RuntimeSettings.Describe());
        using var broker = new BenchBroker();
        broker.Start();
        var dir = Directory.CreateTempSubdirectory("fke-bench-site-").FullName;
        var prefix = "frikommune/bench";
        WriteSite(dir, broker.Port, prefix);
        // Before the gateway starts, so nothing else writes to the disk meanwhile.
        var floor = CommitFloor.Measure(Directory.CreateDirectory(Path.Combine(dir, "data")).FullName, 200);
        output.WriteLine($"one SQLite commit, synchronous=FULL, on the gateway's disk (n={floor.Samples}): p50 {floor.P50:F2} ms, p99 {floor.P99:F2} ms");
        await using var app = GatewayHost.Build(GatewaySettings.Load(dir, [], simulate: false), TimeProvider.System);
        await app.StartAsync();
        var services = app.Services;
        var registry = services.GetRequiredService<DecisionRegistry>();
        while (registry.Count < Rooms + 1) await Task.Delay(50);
        var desk = services.GetRequiredService<AlarmDesk>();
        var intake = services.GetRequiredService<SensorIntake>();
        var outbox = services.GetRequiredService<SqliteAlarmOutbox>();
        var connection = services.GetRequiredService<Frikommune.Edge.Mqtt.MqttConnection>();
        var publisher = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AlarmPublisher>().Single();
        await Task.Delay(1000);  // real time on purpose: the gateway idles after start before its idle RSS is read
        var rssIdle = Rss();
        var memoryIdle = MemoryParts.Read();

        var factory = new MqttClientFactory();
        using var sender = factory.CreateMqttClient();
        using var staff = factory.CreateMqttClient();
        await sender.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        await staff.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        var signal = new SemaphoreSlim(0);
        // Per-hop timestamps of each sampled alarm (see AlarmPathTrace); reported beside the latencies.
        AlarmPathTrace.Enabled = true;
        var traces = new List<HopTrace>();
        staff.ApplicationMessageReceivedAsync += e =>
        {
            var text = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            if (e.ApplicationMessage.Topic == "bench/ping" || text.Contains("\"state\":\"raised\"")) signal.Release();
            return Task.CompletedTask;
        };
        await staff.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"{prefix}/alarms/+", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("bench/ping", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        // One sample pair: the broker's own publish→subscriber round trip, then a seizure → raised alarm on the subscriber.
        async Task<(double Broker, double Gateway)> SampleAsync(int room)
        {
            while (signal.CurrentCount > 0) await signal.WaitAsync();
            var t0 = Stopwatch.GetTimestamp();
            await Publish(sender, "bench/ping", "{\"x\":1}", MqttQualityOfServiceLevel.AtLeastOnce);
            if (!await signal.WaitAsync(TimeSpan.FromSeconds(10))) throw new TimeoutException("no ping");
            var b = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            AlarmPathTrace.Arm();
            t0 = Stopwatch.GetTimestamp();
            await Publish(sender, $"{prefix}/sensors/bed-{room}", "{\"event\":\"seizure\"}", MqttQualityOfServiceLevel.AtLeastOnce);
            if (!await signal.WaitAsync(TimeSpan.FromSeconds(30))) throw new TimeoutException($"no alarm for bed-{room}");
            var end = Stopwatch.GetTimestamp();
            traces.Add(HopTrace.Of(t0, AlarmPathTrace.Read(), end));
            return (b, Stopwatch.GetElapsedTime(t0, end).TotalMilliseconds);
        }

        async Task ResolveAllAsync()
        {
            foreach (var open in desk.Open()) desk.Resolve(open.Id, "bench");
            await DrainAsync(publisher, connection);
        }

        void Report(string what, List<(double Broker, double Gateway)> samples)
        {
            var broker50 = P(samples.Select(s => s.Broker).ToList(), 50); var broker99 = P(samples.Select(s => s.Broker).ToList(), 99);
            var gw50 = P(samples.Select(s => s.Gateway).ToList(), 50); var gw99 = P(samples.Select(s => s.Gateway).ToList(), 99);
            output.WriteLine($"{what} (n={samples.Count}): sensor→alarm p50 {gw50:F2} ms, p99 {gw99:F2} ms | broker round trip p50 {broker50:F2} ms, p99 {broker99:F2} ms | ratio p50 {gw50 / broker50:F1}x (goal ≤3x), p99 {gw99 / broker99:F1}x (goal ≤5x) | of which one fsync'd commit p50 {floor.P50:F2} ms ({floor.P50 / gw50:P0} of p50)");
            // Where the time went, hop by hop, for the samples just reported.
            output.WriteLine(HopTrace.Report(traces));
            traces.Clear();
        }

        if (o.Runs("latency"))
        {
            // (1a) back to back.
            var backToBack = new List<(double, double)>();
            for (var i = 0; i < o.BackToBack; i++)
            {
                if (i % (Rooms - 1) == 0) await ResolveAllAsync();
                backToBack.Add(await SampleAsync(i % (Rooms - 1)));
            }
            Report("back to back", backToBack);

            // (1b) paced: a quiet night, one event every few seconds.
            await ResolveAllAsync();
            var paced = new List<(double, double)>();
            for (var i = 0; i < o.PacedSamples; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(o.PaceSeconds));
                paced.Add(await SampleAsync(i % (Rooms - 1)));
                await ResolveAllAsync();
            }
            Report($"paced, one every {o.PaceSeconds} s", paced);

            // (1c) during a QoS 1 flood on another sensor (bed-49), fed to mosquitto_pub -l at a steady rate.
            var floodBefore = Taken(intake, "bed-49");
            using (var flood = MosquittoPub.Start(broker.Port, $"{prefix}/sensors/bed-49"))
            {
                using var stop = new CancellationTokenSource();
                var feeding = flood.FeedAtRateAsync("{\"event\":\"in-bed\"}", o.FloodRate, stop.Token);
                await Task.Delay(1000);  // real time on purpose: the flood reaches its rate before the first sample
                var flooded = new List<(double, double)>();
                for (var i = 0; i < o.FloodSamples; i++)
                {
                    flooded.Add(await SampleAsync(i % (Rooms - 1)));
                    await ResolveAllAsync();
                    await Task.Delay(100);  // real time on purpose: spaces the samples inside the flood
                }
                await stop.CancelAsync();
                var fed = await feeding;
                flood.Close();
                await WaitForCountAsync(() => Taken(intake, "bed-49"), floodBefore + fed, TimeSpan.FromSeconds(30));
                Report($"during a {o.FloodRate:N0} msg/s QoS 1 flood on bed-49 ({fed:N0} sent, {Taken(intake, "bed-49") - floodBefore:N0} taken in)", flooded);
            }

            // (2) door: a single press at a special-opener door → door-assistance on the subscriber (after the pair window), paced.
            var gpio = services.GetRequiredService<Frikommune.Edge.Simulation.SimulatedGpioDriver>();
            var door = new List<double>();
            await ResolveAllAsync();
            while (signal.CurrentCount > 0) await signal.WaitAsync();
            for (var i = 0; i < o.DoorSamples; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(o.DoorPaceSeconds));
                var t0 = Stopwatch.GetTimestamp();
                gpio.SetInputLevel(17, System.Device.Gpio.PinValue.Low);
                await Task.Delay(30); // a press lasts longer than the debounce window
                gpio.SetInputLevel(17, System.Device.Gpio.PinValue.High);
                if (!await signal.WaitAsync(TimeSpan.FromSeconds(5)))
                    throw new TimeoutException($"no door-assistance; door {services.GetRequiredService<Frikommune.Edge.Gpio.DoorFleet>().Doors.First().State}, open alarms {desk.Open().Count}");
                door.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds - DoorWindowMs);
                await ResolveAllAsync();
                while (signal.CurrentCount > 0) await signal.WaitAsync();
            }
            output.WriteLine($"door edge → door-assistance on subscriber, paced every {o.DoorPaceSeconds} s (n={door.Count}), beyond the {DoorWindowMs} ms pair window: p50 {P(door, 50):F2} ms, p99 {P(door, 99):F2} ms (goal ≤ 5 ms)");

            // (2b) check-in request → grant over HTTP: one grant per room, then all sessions ended, five rounds (the first warms up).
            services.GetRequiredService<Frikommune.Edge.Storage.UserStore>().AddOrReplace("bench", "staff", "bench-password");
            using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}") })
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:bench-password")));
                var gate = services.GetRequiredService<Frikommune.Edge.CheckIns.CheckInGate>();
                var grants = new List<double>();
                for (var round = 0; round < 5; round++)
                {
                    for (var r = 0; r < Rooms; r++)
                    {
                        var t0 = Stopwatch.GetTimestamp();
                        using var response = await http.PostAsync("/api/checkins", new StringContent($"{{\"room\":\"room-{r}\",\"reason\":\"bench\"}}", Encoding.UTF8, "application/json"));
                        var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                        if (response.StatusCode != System.Net.HttpStatusCode.Created) throw new InvalidOperationException($"check-in refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        if (round > 0) grants.Add(ms);
                    }
                    gate.EndAll(Frikommune.Edge.CheckIns.CheckInEndReason.ViewerClosed);
                }
                output.WriteLine($"check-in request → grant over HTTP: p50 {P(grants, 50):F2} ms, p99 {P(grants, 99):F2} ms (target p99 < 10 ms)");
            }
        }
        if (!o.Runs("intake"))
        {
            await app.StopAsync();
            return;
        }

        // (3) QoS 1 intake: mosquitto_pub -l alone (to a topic nobody reads), then into the gateway, burst after burst,
        // with Mosquitto's own subscriber and a bare MQTTnet subscriber as reference receivers in the same run.
        const string burstLine = "{\"event\":\"in-bed\"}";
        var alone = await MosquittoPub.RunLinesAsync(broker.Port, "bench/nobody", burstLine, o.BurstSize, dir);
        output.WriteLine($"mosquitto_pub -l -q 1 alone (runs of ≤ {MosquittoPub.MaxLinesPerRun:N0} lines): {o.BurstSize:N0} in {alone:F2} s = {o.BurstSize / alone:N0} msg/s");
        using var mosquittoSub = o.RefBursts > 0 ? ReferenceReceiver.MosquittoSub(broker.Port, "bench/ref/mosquitto-sub", Path.Combine(dir, "mosquitto-sub.out")) : null;
        using var bareMqttnet = o.RefBursts > 0 ? ReferenceReceiver.BareMqttnet(broker.Port, "bench/ref/mqttnet") : null;
        ReferenceReceiver[] references = mosquittoSub is null || bareMqttnet is null ? [] : [mosquittoSub, bareMqttnet];
        foreach (var r in references) await r.ReadyAsync(sender);
        var runs = new Dictionary<string, List<(double Rate, double CpuUs)>> { ["gateway"] = [] };
        foreach (var r in references) runs[r.Name] = [];
        var refEvery = Math.Max(1, o.Bursts / Math.Max(1, o.RefBursts));
        var stalls = 0;
        long lost = 0;
        (long Rss, MemoryParts Parts) warm = default;
        async Task<int> RaiseAndResolveAsync(int count, string name)
        {
            for (var i = 0; i < count; i++)
            {
                desk.Raise(AlarmKind.Technical, AlarmSubject.Technical($"bench-{name}-{i}"));
                if (i % 100 == 99) await ResolveAllAsync();
            }
            await ResolveAllAsync();
            GC.Collect();
            await Task.Delay(1000);  // real time on purpose: let the collected memory settle before RSS is read
            return count;
        }
        // One burst of o.BurstSize on topic, counted by count(); the receiver's CPU time per message and who else used the cores.
        async Task<(long Counted, double Rate)> BurstAsync(string label, string receiver, string topic, Func<long> count, Func<TimeSpan>? receiverCpu, Func<long?>? allocated = null, int? receiverPid = null)
        {
            var before = count();
            var allocatedBefore = allocated?.Invoke();
            var start = BurstProbe.Take(broker.Pid, receiverCpu, receiverPid);
            var pub = MosquittoPub.RunLinesAsync(broker.Port, topic, burstLine, o.BurstSize, dir);
            var (now, lastProgress) = await WaitForCountAsync(count, before + o.BurstSize, TimeSpan.FromSeconds(5));
            var pubSeconds = await pub;
            var end = BurstProbe.Take(broker.Pid, receiverCpu, receiverPid);
            var counted = now - before;
            // Up to the last message taken in: the 5 s spent waiting for more after a stall is not intake time.
            var rate = counted / ((lastProgress - start.Wall) / (double)Stopwatch.Frequency);
            var cpuUs = (end.Receiver - start.Receiver).TotalMicroseconds / Math.Max(1, counted);
            runs[receiver].Add((rate, cpuUs));
            output.WriteLine($"{label}: {counted:N0}/{o.BurstSize:N0} taken in, {rate:N0} msg/s, {cpuUs:F1} µs CPU per message (mosquitto_pub took {pubSeconds:F2} s)");
            var allocatedNote = allocated?.Invoke() - allocatedBefore is { } bytes ? $"; receiver allocated {bytes / 1048576.0:F0} MB, {bytes / (double)Math.Max(1, counted):N0} B per message" : "";
            output.WriteLine(end.Since(start, gatewayReceived: receiverCpu is null) + allocatedNote);
            return (counted, rate);
        }
        var refDone = 0;
        for (var b = 0; b < o.Bursts; b++)
        {
            if (b % refEvery == 0 && refDone < o.RefBursts && references.Length > 0)
            {
                refDone++;
                foreach (var r in references)
                    await BurstAsync($"reference {refDone}/{o.RefBursts}, {r.Name}", r.Name, r.Topic, () => r.Count, () => r.Cpu, () => r.Allocated, r.Pid);
            }
            var (counted, _) = await BurstAsync($"burst {b + 1}/{o.Bursts}", "gateway", $"{prefix}/sensors/bed-0", () => Taken(intake, "bed-0"), null);
            if (counted < o.BurstSize) { stalls++; lost += o.BurstSize - counted; }
            if (b == 0)
            {
                // Warm: every code path has run once (the JIT has compiled it, SQLite's caches are filled); what grows after this is kept data.
                await RaiseAndResolveAsync(Math.Min(500, o.RssAlarms), "warm");
                warm = (Rss(), MemoryParts.Read());
            }
        }
        var rates = runs["gateway"].Select(x => x.Rate).ToList();
        output.WriteLine($"bursts: {stalls} stalled, {lost:N0} lost, last/first rate {rates[^1] / rates[0]:P0} (goal: 0, 0, within 20 %)");
        output.WriteLine($"broker drop notices for slow clients: {broker.DropNotices} (last: {broker.LastDropNotice ?? "none"})");
        lock (broker.Disconnects)
            output.WriteLine($"clients the broker disconnected: {broker.Disconnects.Count}{string.Concat(broker.Disconnects.Take(5).Select(d => $"\n  {d}"))}");
        // The goal's reference is a receiver: mosquitto_pub is a publisher and does not wait for anyone's handling.
        output.WriteLine($"QoS 1 receivers, median of their bursts (msg/s, µs CPU per message in the receiver): {string.Join("; ", runs.Select(r => $"{r.Key} {Median(r.Value.Select(x => x.Rate)):N0} msg/s, {Median(r.Value.Select(x => x.CpuUs)):F1} µs (n={r.Value.Count})"))}; publisher mosquitto_pub -l alone {o.BurstSize / alone:N0} msg/s");

        // (4) memory: the bench process (gateway in process, plus the bench's own clients).
        var alarms = await RaiseAndResolveAsync(o.RssAlarms, "rss") + Math.Min(500, o.RssAlarms);
        var rssAfter = Rss();
        output.WriteLine($"  memory idle: {memoryIdle}");
        output.WriteLine($"  memory warm: {warm.Parts}");
        output.WriteLine($"  memory after: {MemoryParts.Read()}");
        output.WriteLine($"RSS idle {rssIdle / 1024.0:F0} MB; after {o.Bursts * (long)o.BurstSize + o.FloodRate:N0}+ sensor messages and {alarms + o.BackToBack + o.PacedSamples:N0} alarms {rssAfter / 1024.0:F0} MB ({(rssAfter - rssIdle) * 100.0 / rssIdle:F0} % growth; goal ≤ 10 %)");
        output.WriteLine($"RSS warm (after burst 1 and {Math.Min(500, o.RssAlarms)} alarms) {warm.Rss / 1024.0:F0} MB → after all {rssAfter / 1024.0:F0} MB ({(rssAfter - warm.Rss) * 100.0 / warm.Rss:F0} % growth after warm-up)");
        await app.StopAsync();
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    static long Taken(SensorIntake intake, string sensor)
    {
        var c = intake.Counts().First(x => x.SensorId == sensor);
        return c.Accepted + c.Dropped + c.Status + c.Rejected.Values.Sum();
    }

    /// <summary>Until <paramref name="count"/> reaches <paramref name="target"/>, or gives up after <paramref name="bound"/> without progress (a stall); the count and when it last moved.</summary>
    static async Task<(long Count, long LastProgress)> WaitForCountAsync(Func<long> count, long target, TimeSpan bound)
    {
        var last = count();
        var lastProgress = Stopwatch.GetTimestamp();
        while (true)
        {
            var now = count();
            if (now >= target) return (now, Stopwatch.GetTimestamp());
            if (now != last) { last = now; lastProgress = Stopwatch.GetTimestamp(); }
            if (Stopwatch.GetElapsedTime(lastProgress) > bound) return (now, lastProgress);
            // Every 10 ms: a poll reads a snapshot of the counters (~1 KB), which at 2 ms added MBs of allocation and
            // CPU to the receiver's figures of a slow burst; 10 ms is 0.1 % of a 10 s burst.
            await Task.Delay(10);
        }
    }

    static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:")) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return 0;
    }

    /// <summary>
    /// Until every alarm change is published and nothing waits in the connection's queue, so each sample measures
    /// one raise alone (bounded: a stuck outbox fails the run instead of skewing it).
    /// </summary>
    static async Task DrainAsync(AlarmPublisher publisher, Frikommune.Edge.Mqtt.MqttConnection connection)
    {
        var deadline = Stopwatch.StartNew();
        await Task.Delay(5);
        while (publisher.Backlog > 0 || connection.Queued > 0)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("alarm outbox did not drain");
            await Task.Delay(1);
        }
    }

    static Task Publish(IMqttClient client, string topic, string payload, MqttQualityOfServiceLevel qos) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build());

    static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    static void WriteSite(string dir, int port, string prefix)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.Combine(dir, "trust"));
        File.WriteAllText(Path.Combine(dir, "trust", "bench.pem"), key.ExportSubjectPublicKeyInfoPem());
        var rooms = new JsonArray();
        for (var r = 0; r < Rooms; r++)
            rooms.Add(new JsonObject
            {
                ["Id"] = $"room-{r}", ["Resident"] = $"resident-{r}",
                ["Camera"] = new JsonObject { ["Kind"] = "synthetic" },
                ["Sensors"] = new JsonArray(new JsonObject { ["Id"] = $"bed-{r}", ["Kind"] = "sleep", ["Topic"] = $"{prefix}/sensors/bed-{r}", ["Format"] = "native" }),
            });
        var site = new JsonObject
        {
            ["Site"] = new JsonObject { ["Id"] = "bench", ["TimeZone"] = "Europe/Copenhagen" },
            ["Mqtt"] = new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = port, ["TopicPrefix"] = prefix },
            // One bench client asks for every room's check-in five times in a row: above the per-address burst meant for strangers.
            ["Http"] = new JsonObject { ["Urls"] = $"http://127.0.0.1:{HttpPort}", ["ApiBurst"] = 1000 },
            ["CheckIns"] = new JsonObject { ["MaxSecondsCap"] = 60, ["MinGapSecondsFloor"] = 0 },
            ["Storage"] = new JsonObject { ["Path"] = "data" },
            ["Clock"] = new JsonObject { ["RequireSync"] = false },
            ["Gpio"] = new JsonObject { ["Driver"] = "simulated" },
            ["Rooms"] = rooms,
            ["Doors"] = new JsonArray(new JsonObject
            {
                ["Id"] = "door-bench", ["TwoButtonWindowMs"] = DoorWindowMs,
                ["Pins"] = new JsonObject { ["ButtonA"] = 17, ["ButtonB"] = 27, ["Contact"] = 22, ["Lock"] = 23, ["Sounder"] = 24 },
            }),
        };
        File.WriteAllText(Path.Combine(dir, "appsettings.json"), site.ToJsonString());
        var now = DateTimeOffset.UtcNow;
        var decisions = Path.Combine(dir, "data");
        Directory.CreateDirectory(decisions);
        // Decisions arrive the ordinary way: imported through the same importer the CLI uses.
        var tokens = Enumerable.Range(0, Rooms).Select(r => TokenSigner.Sign(key, "bench", new Dictionary<string, object?>
        {
            ["iss"] = "bench", ["jti"] = $"d-{r}", ["sub"] = $"resident-{r}", ["site"] = "bench", ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = now.AddDays(1).ToUnixTimeSeconds(), ["basis"] = "§14f",
            ["measures"] = new[] { "sleep-monitoring", "video-checkin" }, ["rooms"] = new[] { $"room-{r}" }, ["doors"] = Array.Empty<string>(),
            ["consent"] = new { by = "guardian", date = "2026-11-01" },
            ["checkin"] = new { maxSeconds = 30, minGapSeconds = 0, maxPer24h = 1000, triggers = new[] { "staff-request" } },
        })).ToList();
        tokens.Add(TokenSigner.Sign(key, "bench", new Dictionary<string, object?>
        {
            ["iss"] = "bench", ["jti"] = "d-door", ["sub"] = "resident-door", ["site"] = "bench", ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["exp"] = now.AddDays(1).ToUnixTimeSeconds(), ["basis"] = "§14b",
            ["measures"] = new[] { "door-opener" }, ["rooms"] = Array.Empty<string>(), ["doors"] = new[] { "door-bench" },
            ["consent"] = new { by = "guardian", date = "2026-11-01" },
        }));
        var files = tokens.Select((t, i) => { var f = Path.Combine(dir, $"d-{i}.jws"); File.WriteAllText(f, t); return f; }).ToArray();
        var code = Cli.CommandLine.RunAsync(["decisions", "import", .. files, "--config", dir], TextWriter.Null).GetAwaiter().GetResult();
        if (code != 0) throw new InvalidOperationException("bench decisions were not accepted");
    }
}
