using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Benchmarks.Mqtt;

/// <summary>
/// A QoS 1 receiver to hold the gateway's intake against, in a process of its own (so its memory and CPU stay out of
/// the gateway's figures): Mosquitto's own C subscriber, <c>mosquitto_sub -q 1</c>, which writes one line per message,
/// or a bare MQTTnet subscriber (<see cref="BareMqttnetSubscriber"/>, this program in another mode) that only counts.
/// The two split the gateway's cost per message into what any QoS 1 receiver pays, what MQTTnet adds, and what the
/// gateway's own handling adds.
/// </summary>
sealed class ReferenceReceiver : IDisposable
{
    readonly Process _process;
    readonly Task _reading;
    long _count, _allocated, _lastProgress = Stopwatch.GetTimestamp();

    readonly string? _outputFile;

    ReferenceReceiver(string name, string topic, ProcessStartInfo start, bool linesAreMessages, string? outputFile = null)
    {
        _outputFile = outputFile;
        Name = name;
        Topic = topic;
        start.RedirectStandardOutput = outputFile is null;
        start.RedirectStandardInput = outputFile is null;
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

    /// <summary>
    /// <c>mosquitto_sub -q 1 -t topic</c> writing to a file whose lines (one per message) are counted every 10 ms: through
    /// a pipe, mosquitto_sub flushes each message and the bench's reads of the other end took half a core from the run.
    /// </summary>
    public static ReferenceReceiver MosquittoSub(int port, string topic, string outputFile) =>
        new("mosquitto_sub -q 1", topic, new ProcessStartInfo("/bin/sh", ["-c", $"exec /usr/bin/mosquitto_sub -h 127.0.0.1 -p {port} -q 1 -t '{topic}' > '{outputFile}'"]),
            linesAreMessages: true, outputFile);

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
        var buffer = new byte[256 * 1024];
        while (!File.Exists(_outputFile)) await Task.Delay(10);
        using var output = new FileStream(_outputFile!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        while (!_process.HasExited)
        {
            int read;
            while ((read = await output.ReadAsync(buffer)) > 0)
            {
                var lines = buffer.AsSpan(0, read).Count((byte)'\n');
                if (lines == 0) continue;
                Interlocked.Add(ref _count, lines);
                Interlocked.Exchange(ref _lastProgress, Stopwatch.GetTimestamp());
            }
            await Task.Delay(10);
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
        if (_process.HasExited) { _process.Dispose(); if (_outputFile is not null) File.Delete(_outputFile); return; }
        if (_outputFile is null) try { _process.StandardInput.Close(); } catch (IOException) { }
        else _process.Kill();
        if (!_process.WaitForExit(5000)) _process.Kill();
        _reading.Wait(5000);
        _process.Dispose();
        if (_outputFile is not null) File.Delete(_outputFile);
    }
}
