using System.Net;
using MQTTnet.Server;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// `run --simulate` without a broker: MQTTnet's in-process server on 127.0.0.1, so mosquitto_sub and
/// mosquitto_pub can watch and feed a simulated gateway. Loopback only: it has no authentication.
/// </summary>
public sealed class EmbeddedBroker(int port, ILogger<EmbeddedBroker> log) : IHostedService, IDisposable
{
    readonly MqttServer _server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
        .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());

    public MqttServer Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync().ConfigureAwait(false);
        log.LogInformation("Simulation: embedded MQTT broker listening on 127.0.0.1:{Port}", port);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(new MqttServerStopOptions());

    public void Dispose() => _server.Dispose();
}
