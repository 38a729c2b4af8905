using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Benchmarks.Mqtt;

/// <summary>
/// Through a real Mosquitto on loopback. Inbound: time per message through the codec layer (guard + typed JSON
/// handler), 20,000 QoS 1 messages per invocation. Reconnect: broker killed, started again, until the gateway has
/// re-subscribed; measured from the moment Mosquitto accepts connections.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MqttBenchmarks
{
    const int Messages = 20_000;
    BenchBroker _broker = null!;
    MqttConnection _connection = null!;
    IMqttClient _sender = null!;
    int _received;
    TaskCompletionSource _all = new();
    MqttApplicationMessage[] _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        _broker = new BenchBroker();
        _broker.Start();
        var time = TimeProvider.System;
        _connection = new MqttConnection(new MqttEndpoint("127.0.0.1", _broker.Port, "bench", "bench-gateway"), time, new GatewayMetrics(),
            NullLogger<MqttConnection>.Instance, new DropLog(time, NullLogger<DropLog>.Instance));
        _connection.SubscribeJson<MotionReport>("bench/sensors/+", (_, _) =>
        {
            if (Interlocked.Increment(ref _received) == Messages) _all.TrySetResult();
            return Task.CompletedTask;
        });
        _connection.StartAsync(default).GetAwaiter().GetResult();
        _connection.WhenConnectedAsync(default).WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        _sender = new MqttClientFactory().CreateMqttClient();
        _sender.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("bench-sender").Build()).GetAwaiter().GetResult();
        var payload = Encoding.UTF8.GetBytes("""{"motion":true,"ts":"2026-11-23T21:04:05.123Z"}""");
        _batch = Enumerable.Range(0, Messages).Select(i => new MqttApplicationMessageBuilder().WithTopic($"bench/sensors/pir-{i % 50}")
            .WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "inbound message through Mosquitto + codec layer")]
    public async Task Inbound()
    {
        _received = 0;
        _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < Messages; i += 500)
            await Task.WhenAll(_batch.Skip(i).Take(500).Select(m => _sender.PublishAsync(m)));
        await _all.Task.WaitAsync(TimeSpan.FromSeconds(60)); // a lost message fails the run
    }

    TaskCompletionSource _back = new();

    /// <summary>Broker down long enough for the backoff to reach its cap: the worst case.</summary>
    [IterationSetup(Target = nameof(Reconnect))]
    public void BrokerDown()
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connection.ConnectionChanged += OnChange;
        _broker.Stop();
        lost.Task.Wait(TimeSpan.FromSeconds(10));
        // Stand in for the broker and turn away five connection attempts (100, 200, 400, 800 ms apart):
        // after them the gateway's next wait is at the cap, the worst case this benchmark is about.
        var standIn = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, _broker.Port);
        standIn.Start();
        using (var give = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            for (var attempt = 0; attempt < 5; attempt++)
                standIn.AcceptTcpClientAsync(give.Token).AsTask().GetAwaiter().GetResult().Dispose();
        standIn.Stop();
        void OnChange(bool up)
        {
            if (up) { _back.TrySetResult(); _connection.ConnectionChanged -= OnChange; }
            else lost.TrySetResult();
        }
    }

    [Benchmark(Description = "broker start → gateway re-subscribed")]
    public async Task<TimeSpan> Reconnect()
    {
        var back = _back;
        _broker.Start();
        var since = Stopwatch.StartNew();
        await back.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine($"// re-subscribed {since.Elapsed.TotalMilliseconds:F0} ms after the broker accepted connections");
        await _sender.ConnectAsync(_sender.Options);
        return since.Elapsed;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sender.Dispose();
        _broker.Dispose();
    }

    public sealed record MotionReport(bool Motion, string? Ts);
}
