using System.Net;
using MQTTnet.Server;

namespace Frikommune.Edge.Simulation;

/// <summary>
/// `run --simulate` without a broker: MQTTnet's in-process server on 127.0.0.1, so mosquitto_sub and
/// mosquitto_pub can watch and feed a simulated gateway. Loopback only: it has no authentication.
/// </summary>
/// <param name="active">false when <c>Mqtt:Host</c> names a broker: then this one stays silent.</param>
public sealed class EmbeddedBroker(int port, ILogger<EmbeddedBroker> log, bool active = true) : IHostedService, IDisposable
{
    readonly MqttServer _server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
        .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build(),
        [new Simulation.ClientIdAssigningServerAdapter(new MQTTnet.Server.Internal.Adapter.MqttTcpServerAdapter())]);

    public MqttServer Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!active) return;
        // mosquitto_sub/pub connect without a client id; a broker assigns one (MQTT 5 § 3.2.2.3.7, sent back in the
        // CONNACK; MQTT 3.1.1 § 3.1.3.1 in the adapter above, the CONNACK of 3.1.1 has no room for it).
        _server.ValidatingConnectionAsync += e =>
        {
            if (string.IsNullOrEmpty(e.ClientId)) e.AssignedClientIdentifier = Simulation.ClientIdAssigningServerAdapter.NewClientId();
            return Task.CompletedTask;
        };
        await _server.StartAsync().ConfigureAwait(false);
        log.LogInformation("Simulation: embedded MQTT broker listening on 127.0.0.1:{Port}", port);
    }

    public Task StopAsync(CancellationToken cancellationToken) => active ? _server.StopAsync(new MqttServerStopOptions()) : Task.CompletedTask;

    public void Dispose() => _server.Dispose();
}
