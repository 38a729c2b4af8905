namespace Frikommune.Edge.Upstream;

/// <summary>
/// The way out to staff devices and the municipality (the MQTT connection). Capabilities publish through it
/// and watch whether it is connected; they do not know it is MQTT.
/// </summary>
public interface IUpstream
{
    bool IsConnected { get; }

    /// <summary>Tells <paramref name="observer"/> each time the connection goes up or down; dispose the result to stop.</summary>
    IDisposable Subscribe(IUpstreamObserver observer);

    /// <summary>Publishes with QoS 1; completes when the broker has acknowledged it.</summary>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default);

    /// <summary><c>Mqtt:TopicPrefix</c>/<paramref name="suffix"/>.</summary>
    string Topic(string suffix);
}

/// <summary>Until the MQTT connection is configured: nothing is connected and nothing can be published.</summary>
public sealed class NoUpstream(string prefix) : IUpstream
{
    public bool IsConnected => false;
    public IDisposable Subscribe(IUpstreamObserver observer) => NoSubscription.Instance;
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default) =>
        Task.FromException(new InvalidOperationException("no upstream connection"));
    public string Topic(string suffix) => $"{prefix}/{suffix}";
}

/// <summary>Watches the way out: told when it goes up or down (ask <see cref="IUpstream.IsConnected"/> for which).</summary>
public interface IUpstreamObserver
{
    void OnConnectionChanged();
}

/// <summary>The subscription of an upstream that never changes.</summary>
public sealed class NoSubscription : IDisposable
{
    public static readonly NoSubscription Instance = new();
    public void Dispose() { }
}
