namespace Frikommune.Edge.Mqtt;

public sealed partial class MqttConnection
{
    volatile bool _holdOnline;

    /// <summary>Whether <c>P/status</c> may say online: always, unless <see cref="HoldOnlineUntilReady"/> was called and <see cref="Ready"/> not yet.</summary>
    public bool IsReady => !_holdOnline;

    /// <summary>
    /// Keeps <c>P/status</c> at offline (the CONNECT's will stays the only word) until <see cref="Ready"/>: staff and
    /// the municipality must not see a gateway online that cannot yet serve (HTTP not bound, loops not running).
    /// </summary>
    public void HoldOnlineUntilReady() => _holdOnline = true;

    /// <summary>The gateway can serve: say online now if connected, and after every reconnect from here on.</summary>
    public void Ready()
    {
        if (!_holdOnline || _stopping.IsCancellationRequested) return;
        _holdOnline = false;
        // Through the outbox: in order with everything else, and sent once connected if the connect is still under way.
        _ = PublishAsync(new OutboundMessage(Endpoint.Topic(GatewayStatus.Suffix), GatewayStatus.Payload(true, ConnectedSince ?? _time.GetUtcNow()), Retain: true));
    }
}
