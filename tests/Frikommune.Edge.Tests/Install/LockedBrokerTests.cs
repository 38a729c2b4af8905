using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Frikommune.Edge.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Tests.Install;

/// <summary>
/// install.sh locks a site's local broker (issue 15): run in a sandbox (--prefix, --no-systemd, a stand-in program),
/// then the password file and ACL it wrote are loaded into a real Mosquitto and each login tries what it may and may not.
/// </summary>
public sealed class LockedBrokerTests : IAsyncLifetime
{
    const string P = "frikommune/herning-bo1";
    readonly TempDirectory _prefix = new();
    Mosquitto _broker = null!;
    string Etc => Path.Combine(_prefix.Path, "etc", "frikommune-edge");
    string Broker => Path.Combine(_prefix.Path, "etc", "mosquitto");
    string Password(string login) => File.ReadAllText(Path.Combine(Etc, "broker", login + ".password")).Trim();

    public async Task InitializeAsync()
    {
        var published = Path.Combine(_prefix.Path, "published");
        Directory.CreateDirectory(published);
        var program = Path.Combine(published, "frikommune-edge");
        File.WriteAllText(program, "#!/bin/sh\necho ok\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (status, output) = await RunAsync(new() { ["FRIKOMMUNE_BROKER_DEVICES"] = "tablet-1 tablet-2" },
            Path.Combine(TestSite.RepositoryRoot, "install.sh"), "--prefix", _prefix.Path, "--no-systemd", "--from", published);
        Assert.True(status == 0, output);
        Assert.Contains("broker locked", output);
        _broker = await Mosquitto.StartAsync("allow_anonymous false",
            $"password_file {Path.Combine(Broker, "frikommune", "passwd")}", $"acl_file {Path.Combine(Broker, "frikommune", "acl")}");
    }

    [Fact]
    public void The_shipped_configuration_refuses_anonymous_clients_and_the_gateway_gets_its_login_from_a_private_file()
    {
        var conf = File.ReadAllText(Path.Combine(Broker, "conf.d", "frikommune.conf"));
        Assert.Contains("allow_anonymous false", conf);
        Assert.Contains($"password_file {Broker}/frikommune/passwd", conf);
        Assert.Contains($"acl_file {Broker}/frikommune/acl", conf);
        var env = Path.Combine(Etc, "broker.env");
        Assert.Contains($"FRIKOMMUNE_Mqtt__Password={Password("frikommune-edge")}", File.ReadAllText(env));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(env));
        Assert.DoesNotContain(Password("tablet-1"), File.ReadAllText(Path.Combine(Broker, "frikommune", "passwd"))); // hashed
        Assert.Contains("\"Host\": \"127.0.0.1\"", File.ReadAllText(Path.Combine(Etc, "appsettings.json")));
    }

    [Fact]
    public async Task Each_login_may_publish_and_read_only_its_own_topics()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => ClientAsync(null));
        await Assert.ThrowsAnyAsync<Exception>(() => ClientAsync("tablet-1", "guess"));
        var gateway = await ClientAsync("frikommune-edge", subscribe: [$"{P}/#", "zigbee2mqtt/#"]);
        var zigbee = await ClientAsync("zigbee2mqtt");
        var tablet = await ClientAsync("tablet-1", subscribe: [$"{P}/checkins/response/#", $"{P}/alarms/+", $"{P}/audit"]);
        var municipality = await ClientAsync("municipality", subscribe: [$"{P}/#"]);

        Assert.True(await zigbee.PublishAsync("zigbee2mqtt/pir-12", """{"occupancy":true}"""));
        Assert.True(await zigbee.PublishAsync($"{P}/sensors/bed-12", """{"event":"seizure"}"""));
        Assert.False(await zigbee.PublishAsync($"{P}/doors/door-west/command", "x"));
        Assert.False(await zigbee.PublishAsync($"{P}/checkins/request", "x"));

        foreach (var command in new[] { "alarms/a1/ack", "alarms/a1/resolve", "doors/door-west/command", "residents/r-1/objection", "checkins/request" })
            Assert.True(await tablet.PublishAsync($"{P}/{command}", "signed"), command);
        Assert.False(await tablet.PublishAsync($"{P}/decisions/d-1", "token"));
        Assert.False(await tablet.PublishAsync($"{P}/alarms/a1", "forged alarm"));
        Assert.False(await tablet.PublishAsync($"{P}/sensors/bed-12", "x"));

        Assert.False(await municipality.PublishAsync($"{P}/status", "offline"));
        Assert.False(await municipality.PublishAsync($"{P}/decisions/d-1", "token"));

        // Reads: what the gateway publishes reaches only those who may read it (the last message is the sentinel for each reader).
        Assert.True(await gateway.PublishAsync($"{P}/audit", "record"));
        Assert.True(await gateway.PublishAsync($"{P}/checkins/response/tablet-2/q-9", "reply for tablet-2"));
        Assert.True(await gateway.PublishAsync($"{P}/checkins/response/tablet-1/q-1", "reply for tablet-1"));
        Assert.True(await gateway.PublishAsync($"{P}/alarms/a1", "alarm"));
        Assert.True(await gateway.PublishAsync($"{P}/status", "online"));
        await tablet.WaitForAsync($"{P}/alarms/a1");
        await municipality.WaitForAsync($"{P}/status");
        await gateway.WaitForAsync($"{P}/checkins/request");
        await gateway.WaitForAsync($"{P}/sensors/bed-12");

        Assert.Equal([$"{P}/checkins/response/tablet-1/q-1", $"{P}/alarms/a1"], tablet.Topics);
        Assert.Equal([$"{P}/audit", $"{P}/status"], municipality.Topics);
        Assert.DoesNotContain($"{P}/decisions/d-1", gateway.Topics);
        Assert.DoesNotContain($"{P}/checkins/response/tablet-1/q-1", municipality.Topics);
        foreach (var c in new[] { gateway, zigbee, tablet, municipality }) await c.DisposeAsync();
    }

    async Task<Login> ClientAsync(string? user, string? password = null, string[]? subscribe = null)
    {
        var login = new Login(user ?? "anonymous");
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(login.Name + "-" + Guid.NewGuid().ToString("N")[..6]);
        if (user is not null) builder.WithCredentials(user, password ?? Password(user));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await login.Client.ConnectAsync(builder.Build(), timeout.Token);
        if (result.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException(result.ResultCode.ToString());
        foreach (var filter in subscribe ?? [])
            await login.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return login;
    }

    sealed class Login : IAsyncDisposable
    {
        readonly ConcurrentQueue<string> _received = new();
        readonly SemaphoreSlim _arrived = new(0);

        public Login(string name)
        {
            Name = name;
            Client.ApplicationMessageReceivedAsync += e =>
            {
                _received.Enqueue(e.ApplicationMessage.Topic);
                _arrived.Release();
                return Task.CompletedTask;
            };
        }

        public string Name { get; }
        public IMqttClient Client { get; } = new MqttClientFactory().CreateMqttClient();
        public List<string> Topics => _received.ToList();

        /// <summary>True when the broker accepted the publish (MQTT 5 PUBACK), false when it refused it as not authorised.</summary>
        public async Task<bool> PublishAsync(string topic, string payload)
        {
            var result = await Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            return result.ReasonCode == MqttClientPublishReasonCode.Success;
        }

        public async Task WaitForAsync(string topic)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (!Topics.Contains(topic)) await _arrived.WaitAsync(cts.Token);
        }

        public async ValueTask DisposeAsync()
        {
            try { await Client.DisconnectAsync(); } catch (Exception) { }
            Client.Dispose();
        }
    }

    static async Task<(int Status, string Output)> RunAsync(Dictionary<string, string> environment, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public Task DisposeAsync()
    {
        _broker?.Dispose();
        _prefix.Dispose();
        return Task.CompletedTask;
    }
}
