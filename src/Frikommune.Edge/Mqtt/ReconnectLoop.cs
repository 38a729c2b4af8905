using Polly;
using Polly.Retry;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// Connects, stays while connected, and tries again forever with Polly's exponential backoff between failures:
/// from 100 ms, with jitter so a fleet of gateways does not reconnect in step after a broker restart, never
/// longer than <paramref name="cap"/>. The IO is passed in, so the loop itself runs under a FakeTimeProvider in tests.
/// </summary>
public sealed class ReconnectLoop(TimeSpan cap, TimeProvider time, Func<double>? random = null)
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);

    /// <summary>Retry the connect for ever until it succeeds or the loop is stopped.</summary>
    public static RetryStrategyOptions<bool> Backoff(TimeSpan cap, Func<double>? random = null)
    {
        var options = new RetryStrategyOptions<bool>
        {
            ShouldHandle = args => ValueTask.FromResult(
                !args.Context.CancellationToken.IsCancellationRequested && (args.Outcome.Exception is not null || !args.Outcome.Result)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = First,
            MaxDelay = cap,
        };
        if (random is not null) options.Randomizer = random;
        return options;
    }

    public async Task RunAsync(Func<CancellationToken, Task<bool>> connect, Func<CancellationToken, Task> whileConnected, CancellationToken cancellationToken)
    {
        // Polly's timers run on the injected TimeProvider.
        var untilConnected = new ResiliencePipelineBuilder<bool> { TimeProvider = time }.AddRetry(Backoff(cap, random)).Build();
        while (!cancellationToken.IsCancellationRequested)
        {
            bool connected;
            try { connected = await untilConnected.ExecuteAsync(async ct => await connect(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return; }
            catch (Exception) when (!cancellationToken.IsCancellationRequested) { connected = false; }
            if (!connected) continue;
            // A lost connection is retried at once; only repeated failures back off.
            try { await whileConnected(cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return; }
        }
    }
}
