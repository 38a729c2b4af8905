namespace Frikommune.Edge.Mqtt;

/// <summary>
/// Connects, stays while connected, and tries again forever with <see cref="ReconnectBackoff"/> between
/// failures. The IO is passed in, so the loop itself runs under a FakeTimeProvider in tests.
/// </summary>
public sealed class ReconnectLoop(ReconnectBackoff backoff, TimeProvider time)
{
    /// <param name="connect">One attempt; true when connected.</param>
    /// <param name="whileConnected">Completes when the connection is lost.</param>
    public async Task RunAsync(Func<CancellationToken, Task<bool>> connect, Func<CancellationToken, Task> whileConnected, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            bool connected;
            try { connected = await connect(cancellationToken).ConfigureAwait(false); }
            catch (Exception) when (!cancellationToken.IsCancellationRequested) { connected = false; }
            if (connected)
            {
                failures = 0;
                // A lost connection is retried at once; only repeated failures back off.
                try { await whileConnected(cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return; }
                continue;
            }
            try { await Task.Delay(backoff.Delay(failures++), time, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }
}
