using Frikommune.Edge.Upstream;

namespace Frikommune.Edge.Mqtt;

/// <summary>The MQTT connection as the capabilities see it: publish and watch the connection.</summary>
public sealed class MqttUpstream(MqttConnection connection) : IUpstream
{
    public bool IsConnected => connection.IsConnected;

    public event Action? ConnectionChanged
    {
        add { if (value is not null) connection.ConnectionChanged += Wrap(value); }
        remove
        {
            Action<bool>? w = null;
            lock (_wrapped) if (value is null || !_wrapped.Remove(value, out w)) return;
            connection.ConnectionChanged -= w;
        }
    }

    readonly Dictionary<Action, Action<bool>> _wrapped = [];

    Action<bool> Wrap(Action handler)
    {
        Action<bool> w = _ => handler();
        lock (_wrapped) _wrapped[handler] = w;
        return w;
    }

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default)
    {
        var outcome = await connection.PublishAsync(topic, payload, retain).WaitAsync(cancellationToken);
        if (outcome != PublishOutcome.Delivered)
            throw new InvalidOperationException($"publish to {topic} was {outcome.ToString().ToLowerInvariant()}");
    }

    public string Topic(string suffix) => connection.Endpoint.Topic(suffix);
}
