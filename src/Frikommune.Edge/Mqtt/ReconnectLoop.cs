using Polly;
using Polly.Retry;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// Connects, stays while connected, and tries again forever with <see cref="ReconnectBackoff"/> between
/// failures. The IO is passed in, so the loop itself runs under a FakeTimeProvider in tests.
/// </summary>
public sealed class ReconnectLoop(ReconnectBackoff backoff, TimeProvider time)
{
    public async Task RunAsync(Func<CancellationToken, Task<bool>> connect, Func<CancellationToken, Task> whileConnected, CancellationToken cancellationToken)
    {
        // Polly retries the connect for ever, waiting as the backoff says; its timers run on the injected TimeProvider.
        var untilConnected = new ResiliencePipelineBuilder<bool> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    !args.Context.CancellationToken.IsCancellationRequested && (args.Outcome.Exception is not null || !args.Outcome.Result)),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(backoff.Delay(args.AttemptNumber)),
            })
            .Build();
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
