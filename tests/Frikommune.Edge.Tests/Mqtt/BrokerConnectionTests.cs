using System.Text.Json;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Mqtt;

/// <summary>The gateway against a real Mosquitto: status, will, reconnect, re-subscribe, queued publishes.</summary>
public sealed class BrokerConnectionTests : IAsyncLifetime
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    readonly TestSite _site = new();
    Mosquitto _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = await Mosquitto.StartAsync();
        _site.UseBroker(_broker.Port);
    }

    string Status => $"{_site.TopicPrefix}/status";

    static string State(MqttProbe.Received m) => JsonDocument.Parse(m.Payload).RootElement.GetProperty("state").GetString()!;

    [Fact]
    public async Task Status_is_online_and_retained_after_connect_and_offline_after_a_clean_stop()
    {
        var gateway = await InProcessGateway.StartAsync(_site);
        await gateway.Service<MqttConnection>().WhenConnectedAsync(CancellationToken.None).WaitAsync(Timeout);
        await using (var late = await MqttProbe.ConnectAsync(_broker.Port, Status))
        {
            var online = await late.WaitForAsync(m => m.Topic == Status, Timeout);
            Assert.True(online.Retain);
            var json = JsonDocument.Parse(online.Payload).RootElement;
            Assert.Equal("online", json.GetProperty("state").GetString());
            Assert.False(string.IsNullOrEmpty(json.GetProperty("version").GetString()));
            Assert.EndsWith("Z", json.GetProperty("since").GetString());
        }
        await gateway.DisposeAsync();
        await using var after = await MqttProbe.ConnectAsync(_broker.Port, Status);
        var offline = await after.WaitForAsync(m => m.Topic == Status, Timeout);
        Assert.Equal("offline", State(offline));
        Assert.True(offline.Retain);
    }

    [Fact]
    public async Task The_last_will_says_offline_when_the_gateway_process_is_killed()
    {
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, Status);
        using var gateway = ChildProcess.StartGateway("run", "--config", _site.ConfigDirectory);
        await probe.WaitForAsync(m => m.Topic == Status && State(m) == "online", TimeSpan.FromSeconds(60));
        gateway.Signal(ChildProcess.SIGKILL);
        await probe.WaitForAsync(m => m.Topic == Status && State(m) == "offline", Timeout);
        await using var late = await MqttProbe.ConnectAsync(_broker.Port, Status);
        Assert.Equal("offline", State(await late.WaitForAsync(m => m.Topic == Status, Timeout)));
    }

    [Fact]
    public async Task After_a_broker_restart_it_reconnects_resubscribes_and_delivers_what_was_queued()
    {
        await using var gateway = await InProcessGateway.StartAsync(_site);
        var connection = gateway.Service<MqttConnection>();
        var received = new List<string>();
        var arrived = new SemaphoreSlim(0);
        connection.Subscribe($"{_site.TopicPrefix}/test/in", PayloadKind.Text, m => { lock (received) received.Add(m.Text); arrived.Release(); return Task.CompletedTask; });
        await connection.WhenConnectedAsync(CancellationToken.None).WaitAsync(Timeout);

        var lost = Disconnected(connection);
        await _broker.StopAsync();
        await lost;
        var queued = Enumerable.Range(1, 20).Select(i => connection.PublishAsync($"{_site.TopicPrefix}/test/out", $"{i}")).ToList();
        Assert.All(queued, q => Assert.False(q.IsCompleted));
        await _broker.StartAsync();
        await connection.WhenConnectedAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.All(await Task.WhenAll(queued).WaitAsync(Timeout), o => Assert.Equal(PublishOutcome.Delivered, o));
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port);
        await probe.PublishAsync($"{_site.TopicPrefix}/test/in", "after restart");
        Assert.True(await arrived.WaitAsync(Timeout));
        lock (received) Assert.Equal(["after restart"], received);
    }

    [Fact]
    public async Task Queued_messages_reach_a_subscriber_all_and_in_order_after_the_broker_returns()
    {
        using var broker = await Mosquitto.StartAsync(persistent: true);
        _site.UseBroker(broker.Port);
        var topic = $"{_site.TopicPrefix}/test/ordered";
        // A persistent session, so the subscriber misses nothing while it reconnects after the broker.
        (await MqttProbe.ConnectPersistentAsync(broker.Port, "collector", topic)).Client.Dispose();
        await using var gateway = await InProcessGateway.StartAsync(_site);
        var connection = gateway.Service<MqttConnection>();
        await connection.WhenConnectedAsync(CancellationToken.None).WaitAsync(Timeout);
        var lost = Disconnected(connection);
        await broker.StopAsync();
        await lost;
        var queued = Enumerable.Range(1, 200).Select(i => connection.PublishAsync(topic, $"{i}")).ToList();
        await broker.StartAsync();
        Assert.All(await Task.WhenAll(queued).WaitAsync(Timeout), o => Assert.Equal(PublishOutcome.Delivered, o));
        await using var probe = await MqttProbe.ConnectPersistentAsync(broker.Port, "collector", topic);
        await probe.WaitForAsync(m => m.Text == "200", Timeout);
        Assert.Equal(Enumerable.Range(1, 200), probe.Messages.Where(m => m.Topic == topic).Select(m => int.Parse(m.Text)));
    }

    static Task Disconnected(MqttConnection connection)
    {
        var lost = new TaskCompletionSource();
        connection.ConnectionChanged += up => { if (!up) lost.TrySetResult(); };
        return lost.Task.WaitAsync(Timeout);
    }

    public Task DisposeAsync()
    {
        _broker.Dispose();
        _site.Dispose();
        return Task.CompletedTask;
    }
}
