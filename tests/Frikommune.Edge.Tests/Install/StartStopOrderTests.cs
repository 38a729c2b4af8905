using System.Text.Json;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Tests.Install;

/// <summary>Online only when the gateway can serve; a stop during start-up is an ordinary stop.</summary>
public sealed class StartStopOrderTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_SIGTERM_while_start_up_waits_on_the_database_is_a_clean_stop_with_exit_0()
    {
        using var site = new TestSite();
        var database = new Database(site.DatabaseFile);
        database.Migrate(GatewayStorage.Schemas);
        using var holder = database.Open();
        var held = holder.BeginTransaction(deferred: false); // start-up cannot get past its first write
        using var gateway = ChildProcess.StartGateway("run", "--config", site.ConfigDirectory);
        await Eventually.TrueAsync(() => HasOpen(gateway.Id, site.DatabaseFile), Timeout, "gateway opened its database");
        gateway.Signal(ChildProcess.SIGTERM);
        held.Rollback();
        var code = await gateway.WaitForExitAsync(Timeout);
        Assert.True(code == 0, $"exit {code}; output:\n{gateway.Output}");
        Assert.DoesNotContain("Hosting failed to start", gateway.Output);
    }

    [Fact]
    public async Task Status_says_online_only_once_HTTP_answers()
    {
        using var broker = await Mosquitto.StartAsync();
        using var site = new TestSite();
        site.UseBroker(broker.Port);
        var status = $"{site.TopicPrefix}/status";
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, status);
        using var http = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var answeredWhenOnline = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Task.Run(async () =>
        {
            await probe.WaitForAsync(m => m.Topic == status && JsonDocument.Parse(m.Payload).RootElement.GetProperty("state").GetString() == "online", Timeout);
            try { answeredWhenOnline.TrySetResult((await http.GetAsync("/healthz")).IsSuccessStatusCode); }
            catch (HttpRequestException) { answeredWhenOnline.TrySetResult(false); }
        });
        await using var gateway = await InProcessGateway.StartAsync(site);
        Assert.True(await answeredWhenOnline.Task.WaitAsync(Timeout));
        Assert.True(gateway.Service<MqttConnection>().IsReady);
        await watch;

        // What the README says is watched is what a running gateway registers, and all of it beats.
        var health = gateway.Service<LoopHealth>();
        await Eventually.TrueAsync(() => health.Names.Count >= 11, Timeout, $"loops registered: {string.Join(", ", health.Names)}");
        Assert.Equal(
            ["alarm-publisher", "audit-writer", "decision-timeline", "door-events", "door-timers", "host", "mqtt-receive",
             "mqtt-receive-commands", "mqtt-receive-sensors", "mqtt-receive-staff", "mqtt-send"],
            health.Names.Order(StringComparer.Ordinal));
        Assert.True(health.IsHealthy(out var problem), problem);
    }

    static bool HasOpen(int pid, string file)
    {
        try
        {
            return Directory.EnumerateFiles($"/proc/{pid}/fd").Any(fd =>
            {
                try { return new FileInfo(fd).LinkTarget == file; } catch (IOException) { return false; }
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
