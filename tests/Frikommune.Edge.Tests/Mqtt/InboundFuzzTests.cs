using System.Net;
using System.Text;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Mqtt;

/// <summary>Garbage on subscribed topics is dropped and counted per topic; the gateway keeps serving and handling good messages.</summary>
public sealed class InboundFuzzTests(SharedBroker broker) : IAsyncLifetime, IClassFixture<SharedBroker>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    readonly TestSite _site = new();
    readonly SharedBroker _broker = broker;

    public async Task InitializeAsync()
    {
        _broker.Attach(_site);
    }

    static readonly (string Name, byte[] Payload)[] Garbage =
    [
        ("empty", []),
        ("binary", [0x00, 0xFF, 0xFE, 0x80, 0x01, 0x9F]),
        ("1 MiB", Encoding.UTF8.GetBytes("{\"motion\":\"" + new string('x', 1024 * 1024) + "\"}")),
        ("invalid utf-8", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]),
        ("10,000-deep", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000))),
        ("wrong types", Encoding.UTF8.GetBytes("""{"motion":"yes","ts":42}""")),
        ("array", Encoding.UTF8.GetBytes("[1,2,3]")),
        ("truncated", Encoding.UTF8.GetBytes("""{"motion":tr""")),
    ];

    [Fact]
    public async Task Garbage_on_every_subscribed_topic_is_dropped_and_counted_while_healthz_stays_200()
    {
        await using var gateway = await InProcessGateway.StartAsync(_site);
        var connection = gateway.Service<MqttConnection>();
        using var dropped = gateway.Service<GatewayMetrics>().Collect(InboundDispatcher.DroppedMetric);
        var p = _site.TopicPrefix;
        var motions = new List<bool>();
        var texts = new List<string>();
        var done = new SemaphoreSlim(0);
        connection.SubscribeJson<MotionReport>($"{p}/fuzz/+", (m, _) => { lock (motions) motions.Add(m.Motion); done.Release(); return Task.CompletedTask; });
        connection.Subscribe($"{p}/fuzz-text/+", PayloadKind.Text, m => { lock (texts) texts.Add(m.Text); if (m.Text == "end") done.Release(); return Task.CompletedTask; });
        connection.Subscribe($"{p}/crashing", PayloadKind.Bytes, m => m.Text == "end" ? Release(done) : throw new InvalidOperationException("handler bug"));
        await connection.WhenConnectedAsync(CancellationToken.None).WaitAsync(Timeout);

        await using var sender = await MqttProbe.ConnectAsync(_broker.Port);
        foreach (var topic in new[] { $"{p}/fuzz/bed-12", $"{p}/fuzz-text/d-1", $"{p}/crashing" })
            foreach (var (_, payload) in Garbage) await sender.PublishAsync(topic, payload);
        await sender.PublishAsync($"{p}/fuzz/bed-12", """{"motion":true}""");
        await sender.PublishAsync($"{p}/fuzz-text/d-1", "end");
        await sender.PublishAsync($"{p}/crashing", "end");
        for (var i = 0; i < 3; i++) Assert.True(await done.WaitAsync(Timeout));

        Assert.Equal([true], motions);
        long Dropped(string topic, string reason) => dropped.Sum(("topic", topic), ("reason", reason));
        var sensor = $"{p}/fuzz/bed-12";
        // One guard, one set of codes (PayloadGuard): empty and truncated JSON are malformed, 10,000 levels too deep.
        Assert.Equal(2, Dropped(sensor, "not-utf8"));
        Assert.Equal(1, Dropped(sensor, "oversized"));
        Assert.Equal(2, Dropped(sensor, "malformed-json"));
        Assert.Equal(1, Dropped(sensor, "too-deep"));
        Assert.Equal(2, Dropped(sensor, "wrong-type"));
        // Decisions arrive as text: the empty one is passed on (it clears a retained topic), binary and invalid UTF-8 are not.
        Assert.Equal(2, Dropped($"{p}/fuzz-text/d-1", "not-utf8"));
        Assert.Equal(1, Dropped($"{p}/fuzz-text/d-1", "oversized"));
        Assert.Contains("", texts);
        Assert.Equal(Garbage.Length - 1, Dropped($"{p}/crashing", InboundDispatcher.HandlerFailed));

        gateway.Service<Frikommune.Edge.Storage.UserStore>().AddOrReplace("tom", Frikommune.Edge.Users.Roles.Technician, "tech-password");
        using var http = gateway.Client("tom", "tech-password");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var text = await http.GetStringAsync("/metrics");
        Assert.Contains("frikommune_mqtt_dropped_total{reason=\"wrong-type\",topic=\"" + sensor + "\"} 2", text);
        Assert.Contains("frikommune_mqtt_connected 1", text);
    }

    [Fact]
    public async Task Retained_messages_reach_a_late_subscriber_with_the_retain_flag_and_empty_payloads_as_empty()
    {
        var p = _site.TopicPrefix;
        await using (var municipality = await MqttProbe.ConnectAsync(_broker.Port))
            await municipality.PublishAsync($"{p}/decisions/d-7", "eyJhbGciOiJFUzI1NiJ9.e30.sig", retain: true);
        await using var gateway = await InProcessGateway.StartAsync(_site);
        var connection = gateway.Service<MqttConnection>();
        var seen = new System.Collections.Concurrent.ConcurrentQueue<InboundMessage>();
        var arrived = new SemaphoreSlim(0);
        connection.Subscribe($"{p}/decisions/+", PayloadKind.Text, m => { seen.Enqueue(m); arrived.Release(); return Task.CompletedTask; });
        Assert.True(await arrived.WaitAsync(Timeout));
        var retained = Assert.Single(seen);
        Assert.True(retained.Retain);
        Assert.Equal("eyJhbGciOiJFUzI1NiJ9.e30.sig", retained.Text);

        await using (var municipality = await MqttProbe.ConnectAsync(_broker.Port))
            await municipality.PublishAsync($"{p}/decisions/d-7", [], retain: true);
        Assert.True(await arrived.WaitAsync(Timeout));
        Assert.True(seen.Last().IsEmpty);
    }

    static Task Release(SemaphoreSlim s)
    {
        s.Release();
        return Task.CompletedTask;
    }

    sealed record MotionReport(bool Motion, string? Ts);

    public Task DisposeAsync()
    {
        _site.Dispose();
        return Task.CompletedTask;
    }
}
