using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Tests.Support;

/// <summary>A plain MQTTnet client standing in for the municipality, staff or a sensor: it records what it receives.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    readonly ConcurrentQueue<Received> _received = new();
    readonly SemaphoreSlim _arrived = new(0);

    MqttProbe() => _client.ApplicationMessageReceivedAsync += e =>
    {
        var m = e.ApplicationMessage;
        _received.Enqueue(new Received(m.Topic, m.Payload.ToArray(), m.Retain));
        _arrived.Release();
        return Task.CompletedTask;
    };

    public sealed record Received(string Topic, byte[] Payload, bool Retain)
    {
        public string Text => Encoding.UTF8.GetString(Payload);
    }

    public IReadOnlyList<Received> Messages => _received.ToList();
    public IMqttClient Client => _client;

    public static Task<MqttProbe> ConnectAsync(int port, params string[] subscribe) => ConnectAsync(port, null, subscribe);

    public static Task<MqttProbe> ConnectPersistentAsync(int port, string clientId, params string[] subscribe) => ConnectAsync(port, clientId, subscribe);

    /// <param name="persistentId">A client id whose session the broker keeps while the probe is away, so it gets what it missed.</param>
    static async Task<MqttProbe> ConnectAsync(int port, string? persistentId, string[] subscribe)
    {
        var probe = new MqttProbe();
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(persistentId ?? "probe-" + Guid.NewGuid().ToString("N")[..8]).WithCleanStart(persistentId is null);
        if (persistentId is not null) builder.WithSessionExpiryInterval(3600);
        var options = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await probe._client.ConnectAsync(options, timeout.Token);
        if (result.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"probe connect: {result.ResultCode}");
        foreach (var filter in subscribe)
            await probe._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return probe;
    }

    public Task PublishAsync(string topic, byte[] payload, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public Task PublishAsync(string topic, string payload, bool retain = false) => PublishAsync(topic, Encoding.UTF8.GetBytes(payload), retain);

    /// <summary>Waits for a received message matching <paramref name="match"/> (already received ones count).</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var hit = _received.FirstOrDefault(match);
            if (hit is not null) return hit;
            try { await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token); }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no matching message; received: {string.Join(", ", _received.Select(r => r.Topic + "=" + r.Text))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _client.DisconnectAsync(); } catch (Exception) { }
        _client.Dispose();
    }
}
