using Frikommune.Edge.Upstream;

namespace Frikommune.Edge.Mqtt;

/// <summary>The MQTT connection as the capabilities see it: publish and watch the connection.</summary>
public sealed class MqttUpstream(MqttConnection connection) : IUpstream
{
    public bool IsConnected => connection.IsConnected;

    public IDisposable Subscribe(IUpstreamObserver observer)
    {
        Action<bool> tell = _ => observer.OnConnectionChanged();
        connection.ConnectionChanged += tell;
        return new Unsubscriber(() => connection.ConnectionChanged -= tell);
    }

    sealed class Unsubscriber(Action leave) : IDisposable
    {
        int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) leave(); }
    }

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default)
    {
        var outcome = await connection.PublishAsync(topic, payload, retain).WaitAsync(cancellationToken);
        if (outcome != PublishOutcome.Delivered)
            throw new InvalidOperationException($"publish to {topic} was {outcome.ToString().ToLowerInvariant()}");
    }

    public string Topic(string suffix) => connection.Endpoint.Topic(suffix);
}
