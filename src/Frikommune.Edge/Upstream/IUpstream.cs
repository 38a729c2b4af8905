namespace Frikommune.Edge.Upstream;

/// <summary>
/// The way out to staff devices and the municipality (the MQTT connection). Capabilities publish through it
/// and watch whether it is connected; they do not know it is MQTT.
/// </summary>
public interface IUpstream
{
    bool IsConnected { get; }
    event Action? ConnectionChanged;

    /// <summary>Publishes with QoS 1; completes when the broker has acknowledged it.</summary>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default);

    /// <summary><c>Mqtt:TopicPrefix</c>/<paramref name="suffix"/>.</summary>
    string Topic(string suffix);
}

/// <summary>Until the MQTT connection is configured: nothing is connected and nothing can be published.</summary>
public sealed class NoUpstream(string prefix) : IUpstream
{
    public bool IsConnected => false;
    public event Action? ConnectionChanged { add { } remove { } }
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default) =>
        Task.FromException(new InvalidOperationException("no upstream connection"));
    public string Topic(string suffix) => $"{prefix}/{suffix}";
}
