using Frikommune.Edge.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Benchmarks.Mqtt;

/// <summary>
/// <c>mqttnet-sub PORT TOPIC</c>: MQTTnet's client alone, no gateway code — the gateway's own connect options
/// (<see cref="MqttClientOptionsFactory"/>, MQTT 5), one QoS 1 subscription, a handler that only counts. Prints the
/// count and the bytes allocated so far every 10 ms while the count moves; stops when its standard input closes. The intake bench's second reference.
/// </summary>
static class BareMqttnetSubscriber
{
    public static async Task RunAsync(string[] args)
    {
        var port = int.Parse(args[0]);
        var topic = args[1];
        long count = 0;
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref count);
            return Task.CompletedTask;
        };
        var endpoint = new MqttEndpoint("127.0.0.1", port, "bench-bare", $"bench-bare-{Environment.ProcessId}");
        await client.ConnectAsync(MqttClientOptionsFactory.Create(endpoint, MqttProtocolVersion.V500, "offline"u8.ToArray()));
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        // Console.In reads synchronously even through its async methods: the wait for EOF gets a thread of its own.
        var closed = Task.Run(() => Console.In.ReadToEnd());
        long shown = -1;
        while (!closed.IsCompleted)
        {
            var now = Interlocked.Read(ref count);
            if (now != shown) { Console.Out.WriteLine($"{now} {GC.GetTotalAllocatedBytes()}"); Console.Out.Flush(); shown = now; }
            await Task.WhenAny(closed, Task.Delay(10));
        }
        await client.DisconnectAsync();
    }
}
