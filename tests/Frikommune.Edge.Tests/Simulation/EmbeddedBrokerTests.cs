using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Tests.Simulation;

/// <summary>The broker of <c>run --simulate</c> takes a technician's plain <c>mosquitto_sub -t '#'</c>.</summary>
public sealed class EmbeddedBrokerTests : IAsyncLifetime
{
    readonly int _port = TestSite.FreeTcpPort();
    EmbeddedBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = new EmbeddedBroker(_port, NullLogger<EmbeddedBroker>.Instance);
        await _broker.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _broker.StopAsync(CancellationToken.None);
        _broker.Dispose();
    }

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Mosquitto_sub_without_a_client_id_is_given_one_and_sees_what_is_published(string version)
    {
        await using (var gateway = await MqttProbe.ConnectAsync(_port))
            await gateway.PublishAsync($"sim/{version}/doors/door-west/state", "{\"mode\":\"special-opener\"}", retain: true);
        // -d prints the CONNECT the client sends: "(null)" is the empty client id the broker must fill in.
        using var sub = ChildProcess.StartExecutable("mosquitto_sub", "-V", version, "-h", "127.0.0.1", "-p", _port.ToString(), "-t", "#", "-v", "-d");
        await sub.WaitForLineAsync(l => l.Contains("sending CONNECT"), TimeSpan.FromSeconds(10));
        var line = await sub.WaitForLineAsync(l => l.StartsWith($"sim/{version}/doors/"), TimeSpan.FromSeconds(10));
        Assert.Equal($"sim/{version}/doors/door-west/state {{\"mode\":\"special-opener\"}}", line);
        Assert.Contains(sub.Output.Split('\n'), l => l.Contains("Client (null) sending CONNECT"));
    }
}
