using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Benchmarks.Mqtt;

/// <summary>
/// A QoS 1 receiver to hold the gateway's intake against, in a process of its own (so its memory and CPU stay out of
/// the gateway's figures): Mosquitto's own C subscriber, <c>mosquitto_sub -q 1</c>, which prints one line per message,
/// or a bare MQTTnet subscriber (<see cref="BareMqttnetSubscriber"/>, this program in another mode) that only counts.
/// The two split the gateway's cost per message into what any QoS 1 receiver pays, what MQTTnet adds, and what the
/// gateway's own handling adds.
/// </summary>
sealed class ReferenceReceiver : IDisposable
{
    readonly Process _process;
    readonly Task _reading;
    long _count, _allocated, _lastProgress = Stopwatch.GetTimestamp();

    ReferenceReceiver(string name, string topic, ProcessStartInfo start, bool linesAreMessages)
    {
        Name = name;
        Topic = topic;
        start.RedirectStandardOutput = true;
        start.RedirectStandardInput = true;
        _process = Process.Start(start)!;
        _reading = Task.Run(linesAreMessages ? CountLinesAsync : ReadCountsAsync);
    }

    public string Name { get; }
    public string Topic { get; }
    public long Count => Interlocked.Read(ref _count);
    /// <summary>When the count last moved (a Stopwatch timestamp).</summary>
    public long LastProgress => Interlocked.Read(ref _lastProgress);
    public TimeSpan Cpu => ProcessCpu.Of(_process.Id);
    public int Pid => _process.Id;
    /// <summary>Bytes the receiver has allocated, as last reported (the bare MQTTnet subscriber only; null for mosquitto_sub).</summary>
    public long? Allocated => Name.StartsWith("MQTTnet", StringComparison.Ordinal) ? Interlocked.Read(ref _allocated) : null;

    /// <summary><c>mosquitto_sub -q 1 -t topic</c>, its output (one line per message) counted, never parsed.</summary>
    public static ReferenceReceiver MosquittoSub(int port, string topic) =>
        new("mosquitto_sub -q 1", topic, new ProcessStartInfo("/usr/bin/mosquitto_sub", ["-h", "127.0.0.1", "-p", port.ToString(), "-q", "1", "-t", topic]), linesAreMessages: true);

    /// <summary>This program as <see cref="BareMqttnetSubscriber"/>, on the same runtime and runtime settings.</summary>
    public static ReferenceReceiver BareMqttnet(int port, string topic)
    {
        var host = Environment.ProcessPath!;
        string[] args = ["mqttnet-sub", port.ToString(), topic];
        var start = Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? new ProcessStartInfo(host, [typeof(ReferenceReceiver).Assembly.Location, .. args])
            : new ProcessStartInfo(host, args);
        return new("MQTTnet 5.2 bare QoS 1", topic, start, linesAreMessages: false);
    }

    /// <summary>Until the receiver has its subscription: probes on its topic until one arrives (bounded).</summary>
    public async Task ReadyAsync(IMqttClient sender)
    {
        var waited = Stopwatch.StartNew();
        while (Count == 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30) || _process.HasExited) throw new TimeoutException($"{Name} did not subscribe");
            await sender.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload("{\"probe\":1}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await Task.Delay(50);
        }
    }

    async Task CountLinesAsync()
    {
        var buffer = new byte[64 * 1024];
        var output = _process.StandardOutput.BaseStream;
        int read;
        while ((read = await output.ReadAsync(buffer)) > 0)
        {
            var lines = buffer.AsSpan(0, read).Count((byte)'\n');
            if (lines == 0) continue;
            Interlocked.Add(ref _count, lines);
            Interlocked.Exchange(ref _lastProgress, Stopwatch.GetTimestamp());
        }
    }

    async Task ReadCountsAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var fields = line.Split(' ');
            if (fields.Length != 2 || !long.TryParse(fields[0], out var total) || !long.TryParse(fields[1], out var allocated) || total == Count) continue;
            Interlocked.Exchange(ref _allocated, allocated);
            Interlocked.Exchange(ref _count, total);
            Interlocked.Exchange(ref _lastProgress, Stopwatch.GetTimestamp());
        }
    }

    public void Dispose()
    {
        if (_process.HasExited) { _process.Dispose(); return; }
        try { _process.StandardInput.Close(); } catch (IOException) { }
        if (!_process.WaitForExit(5000)) _process.Kill();
        _reading.Wait(5000);
        _process.Dispose();
    }
}
