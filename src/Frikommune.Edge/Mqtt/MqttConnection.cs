using Frikommune.Edge.Metrics;
using MQTTnet;
using MQTTnet.Formatter;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// The gateway's one broker connection, shared by every capability. Reconnects forever (see
/// <see cref="ReconnectLoop"/>); after each connect it re-subscribes, publishes <c>P/status</c> online,
/// and then flushes the publishes queued meanwhile. MQTT 5, falling back to 3.1.1 when the broker refuses 5.
/// </summary>
public sealed partial class MqttConnection : IHostedService, IAsyncDisposable
{
    public const string ConnectedMetric = "frikommune_mqtt_connected";
    readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    readonly ReconnectLoop _loop;
    readonly TimeProvider _time;
    readonly ILogger _log;
    readonly CancellationTokenSource _stopping = new();
    TaskCompletionSource _connected = NewSignal();
    TaskCompletionSource _lost = NewSignal();
    readonly Health.LoopHealth? _health;
    Task _running = Task.CompletedTask, _sending = Task.CompletedTask, _probing = Task.CompletedTask;
    volatile bool _isConnected;

    public MqttConnection(MqttEndpoint endpoint, TimeProvider time, GatewayMetrics metrics, ILogger<MqttConnection> log, DropLog dropLog, Func<double>? random = null,
        Health.LoopHealth? health = null)
    {
        _health = health;
        Endpoint = endpoint;
        _time = time;
        _log = log;
        _metrics = metrics;
        _loop = new ReconnectLoop(endpoint.ReconnectCap, time, random);
        _outbox = new Outbox(endpoint.OutboxCapacity);
        Inbound = new InboundDispatcher(metrics, dropLog, time, health);
        metrics.Gauge(ConnectedMetric, "1 while the gateway is connected to its MQTT broker", () => [new(IsConnected ? 1 : 0)]);
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected) _lost.TrySetResult();
            return Task.CompletedTask;
        };
        _client.ApplicationMessageReceivedAsync += e => Inbound.DispatchAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload,
            e.ApplicationMessage.Retain, e.ApplicationMessage.ResponseTopic, e.ApplicationMessage.CorrelationData);
    }

    public MqttEndpoint Endpoint { get; }
    public InboundDispatcher Inbound { get; }
    public bool IsConnected => _isConnected;
    public MqttProtocolVersion ProtocolVersion { get; private set; } = MqttProtocolVersion.V500;
    public DateTimeOffset? ConnectedSince { get; private set; }

    /// <summary>Raised with true once a (re)connect is complete — subscriptions restored, status online — and with false when it is lost.</summary>
    public event Action<bool>? ConnectionChanged;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(() => _loop.RunAsync(ConnectAsync, StayConnectedAsync, _stopping.Token));
        _sending = Task.Run(() => SendLoopAsync(_stopping.Token));
        _probing = Task.Run(() => ProbeReceiveAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    /// <summary>Completes when connected (at once if already).</summary>
    public Task WhenConnectedAsync(CancellationToken cancellationToken) => Volatile.Read(ref _connected).Task.WaitAsync(cancellationToken);

    async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        if (await TryConnectAsync(ProtocolVersion, cancellationToken) is { } result) return result;
        // The broker did not take MQTT 5: try 3.1.1 at once, and keep it until that fails too.
        var other = ProtocolVersion == MqttProtocolVersion.V500 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500;
        if (await TryConnectAsync(other, cancellationToken) is not { } fallback) return false;
        if (fallback) ProtocolVersion = other;
        return fallback;
    }

    /// <summary>True connected, false failed, null refused for its protocol version.</summary>
    async Task<bool?> TryConnectAsync(MqttProtocolVersion version, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var options = MqttClientOptionsFactory.Create(Endpoint, version, GatewayStatus.Payload(false, now));
        _lost = NewSignal();
        try
        {
            var result = await _client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            if (result.ResultCode == MqttClientConnectResultCode.UnsupportedProtocolVersion) return null;
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                _log.LogWarning("MQTT broker {Host}:{Port} refused the connection: {Code}", Endpoint.Host, Endpoint.Port, result.ResultCode);
                return false;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _log.LogDebug("MQTT connect to {Host}:{Port} failed: {Error}", Endpoint.Host, Endpoint.Port, e.Message);
            // A 3.1.1 broker may answer a version-5 CONNECT with bytes a version-5 client cannot read, or just hang up.
            return version == MqttProtocolVersion.V500 && !IsTransportFailure(e) ? null : false;
        }
        ConnectedSince = now;
        IReadOnlyList<string> subscribed;
        try
        {
            subscribed = await ResubscribeAsync(cancellationToken).ConfigureAwait(false);
            if (IsReady) await _client.PublishAsync(Status(online: true, now), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _log.LogWarning("MQTT connected to {Host}:{Port} but setting up failed: {Error}", Endpoint.Host, Endpoint.Port, e.Message);
            await DisconnectQuietlyAsync().ConfigureAwait(false);
            return false;
        }
        SetConnected(true);
        // A subscription added while this connect was under way.
        foreach (var missed in Inbound.Filters.Except(subscribed)) _ = SubscribeNowAsync(missed);
        _log.LogInformation("MQTT connected to {Host}:{Port} (MQTT {Version})", Endpoint.Host, Endpoint.Port, version == MqttProtocolVersion.V500 ? "5" : "3.1.1");
        return true;
    }

    async Task StayConnectedAsync(CancellationToken cancellationToken)
    {
        try { await _lost.Task.WaitAsync(cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) { return; }
        SetConnected(false);
        _log.LogWarning("MQTT connection to {Host}:{Port} lost; reconnecting", Endpoint.Host, Endpoint.Port);
    }

    void SetConnected(bool connected)
    {
        if (_isConnected == connected) return;
        _isConnected = connected;
        if (connected) _connected.TrySetResult();
        else Interlocked.Exchange(ref _connected, NewSignal());
        try { ConnectionChanged?.Invoke(connected); }
        catch (Exception e) { _log.LogError(e, "A ConnectionChanged listener failed"); }
    }

    MqttApplicationMessage Status(bool online, DateTimeOffset since) => new MqttApplicationMessageBuilder()
        .WithTopic(Endpoint.Topic(GatewayStatus.Suffix)).WithPayload(GatewayStatus.Payload(online, since))
        .WithRetainFlag(true).WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build();

    /// <summary>Clean stop: <c>offline</c> first (retained), then a normal disconnect, which discards the will.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_running, _sending, _probing).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false); }
        catch (Exception) { /* stopping anyway */ }
        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await _client.PublishAsync(Status(online: false, _time.GetUtcNow()), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) { _log.LogWarning("MQTT: could not publish offline status on stop: {Error}", e.Message); }
        }
        await DisconnectQuietlyAsync().ConfigureAwait(false);
        SetConnected(false);
        try { await Inbound.CompleteAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false); }
        catch (Exception) { /* a handler hung; stopping anyway */ }
        var lost = _outbox.DropAll();
        if (lost > 0) _log.LogWarning("MQTT: {Count} queued messages were not sent before the gateway stopped", lost);
    }

    async Task DisconnectQuietlyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception) { /* already gone */ }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested) await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _client.Dispose();
        _stopping.Dispose();
    }

    static bool IsTransportFailure(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException or TimeoutException or OperationCanceledException)
                return true;
        return false;
    }

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
