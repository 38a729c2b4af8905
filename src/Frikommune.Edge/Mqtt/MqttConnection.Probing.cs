using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Mqtt;

public sealed partial class MqttConnection
{
    public const string ReceiveLoop = "mqtt-receive";
    static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(5);
    static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Watches MQTTnet's own receive path: while connected, a PINGREQ must come back (its PINGRESP is read by the same
    /// receive loop that reads PUBACKs and sensor messages); a probe that does not come back stops the beat of
    /// <see cref="ReceiveLoop"/>. While disconnected there is nothing to watch: the reconnect loop is at work.
    /// </summary>
    async Task ProbeReceiveAsync(CancellationToken cancellationToken)
    {
        _health?.Register(ReceiveLoop, ProbeEvery + ProbeTimeout * 2);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_client.IsConnected && IsConnected)
                {
                    try
                    {
                        using var late = new CancellationTokenSource(ProbeTimeout, _time);
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, late.Token);
                        await _client.PingAsync(timeout.Token).ConfigureAwait(false);
                        _health?.Beat(ReceiveLoop);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        _log.LogWarning("MQTT keep-alive probe got no answer: {Error}", e.Message);
                    }
                }
                else _health?.Beat(ReceiveLoop);
                await Task.Delay(ProbeEvery, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        finally { _health?.Unregister(ReceiveLoop); }
    }
}
