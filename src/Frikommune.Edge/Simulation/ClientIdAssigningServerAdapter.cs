using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace Frikommune.Edge.Simulation;

/// <summary>
/// MQTT 3.1.1 § 3.1.3-6/7: a client with a clean session may leave its client id empty and the server assigns one,
/// as Mosquitto does — <c>mosquitto_sub -t '#'</c> connects so. MQTTnet's server assigns ids to MQTT 5 clients only
/// (in the CONNACK) and refuses the rest, so this adapter fills in an id on an MQTT 3.1.x CONNECT before the server sees it.
/// Without a clean session an empty id stays refused (§ 3.1.3-8): the client could never resume that session.
/// </summary>
public sealed class ClientIdAssigningServerAdapter : IMqttServerAdapter
{
    readonly IMqttServerAdapter _inner;

    public ClientIdAssigningServerAdapter(IMqttServerAdapter inner)
    {
        _inner = inner;
        _inner.ClientHandler = channel => ClientHandler?.Invoke(new Channel(channel)) ?? Task.CompletedTask;
    }

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger) => _inner.StartAsync(options, logger);
    public Task StopAsync() => _inner.StopAsync();
    public void Dispose() => _inner.Dispose();

    public static string NewClientId() => "auto-" + Guid.NewGuid().ToString("N")[..12];

    sealed class Channel(IMqttChannelAdapter inner) : IMqttChannelAdapter
    {
        public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
        {
            var packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
            if (packet is MqttConnectPacket { CleanSession: true } connect && string.IsNullOrEmpty(connect.ClientId)
                && inner.PacketFormatterAdapter.ProtocolVersion != MqttProtocolVersion.V500)
                connect.ClientId = NewClientId();
            return packet;
        }

        public long BytesReceived => inner.BytesReceived;
        public long BytesSent => inner.BytesSent;
        public X509Certificate2 ClientCertificate => inner.ClientCertificate;
        public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
        public EndPoint LocalEndPoint => inner.LocalEndPoint;
        public bool IsSecureConnection => inner.IsSecureConnection;
        public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;
        public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);
        public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);
        public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) => inner.SendPacketAsync(packet, cancellationToken);
        public void ResetStatistics() => inner.ResetStatistics();
        public void Dispose() => inner.Dispose();
    }
}
