using System.Threading.Channels;
using Frikommune.Edge.Mqtt;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Frikommune.Edge.Tests.Mqtt;

public sealed class ReconnectPolicyTests
{
    static readonly TimeSpan Cap = TimeSpan.FromSeconds(2);

    /// <summary>The waits Polly takes before each of <paramref name="count"/> failed connects, on fake time.</summary>
    static async Task<List<TimeSpan>> WaitsAsync(int count, Func<double>? random = null)
    {
        var time = new FakeTimeProvider();
        var waits = Channel.CreateUnbounded<TimeSpan>();
        var options = ReconnectLoop.Backoff(Cap, random);
        options.MaxRetryAttempts = count;
        options.OnRetry = args => { waits.Writer.TryWrite(args.RetryDelay); return default; };
        var pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = time }.AddRetry(options).Build();
        var run = pipeline.ExecuteAsync(_ => ValueTask.FromResult(false)).AsTask();
        var seen = new List<TimeSpan>();
        // OnRetry comes just before Polly sets its timer: step fake time on until the next attempt has been made.
        for (var step = 0; !run.IsCompleted; step++)
        {
            Assert.True(step < 10_000, $"stuck after {seen.Count} waits");
            while (waits.Reader.TryRead(out var wait)) seen.Add(wait);
            time.Advance(seen.Count > 0 ? seen[^1] : TimeSpan.Zero);
            await Task.WhenAny(run, Task.Delay(2));
        }
        Assert.False(await run);
        while (waits.Reader.TryRead(out var wait)) seen.Add(wait);
        Assert.Equal(count, seen.Count);
        return seen;
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public async Task Waits_grow_exponentially_from_100_ms_and_never_exceed_the_cap(double random)
    {
        var waits = await WaitsAsync(40, () => random);
        Assert.All(waits, d => Assert.True(d <= Cap && d >= TimeSpan.Zero, d.ToString()));
        Assert.True(waits[0] < TimeSpan.FromMilliseconds(400), waits[0].ToString());
        Assert.True(waits.Skip(30).Average(d => d.TotalMilliseconds) > 4 * waits.Take(2).Average(d => d.TotalMilliseconds));
        Assert.True(waits.Skip(30).All(d => d > Cap / 3), string.Join(", ", waits.Skip(30)));
    }

    [Fact]
    public async Task Jitter_spreads_the_waits_so_gateways_do_not_reconnect_in_step()
    {
        var low = await WaitsAsync(5, () => 0.2);
        var high = await WaitsAsync(5, () => 0.8);
        Assert.NotEqual(low, high);
        // Ten gateways that lost the same broker at the same moment: their first waits (before the cap) differ.
        // Seeded, so the test cannot fail on an unlucky draw (a shared Random hit the cap after 5 waits once in CI).
        var firstWaits = new List<TimeSpan>();
        for (var gateway = 0; gateway < 10; gateway++)
            firstWaits.Add((await WaitsAsync(3, new Random(gateway).NextDouble))[2]);
        Assert.True(firstWaits.Distinct().Count() >= 8, string.Join(", ", firstWaits));
    }

    [Fact]
    public async Task The_loop_backs_off_between_failures_and_retries_at_once_after_a_lost_connection()
    {
        var time = new FakeTimeProvider();
        var loop = new ReconnectLoop(Cap, time, () => 0.5);
        var attempts = 0;
        var connectedAt = new List<int>();
        var lost = new TaskCompletionSource();
        var attempted = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(_ => { attempts++; attempted.Release(); return Task.FromResult(attempts is 3 or 4); },
            async ct => { connectedAt.Add(attempts); if (attempts == 3) await lost.Task; else await Task.Delay(Timeout.Infinite, ct); }, stop.Token);

        await attempted.WaitAsync(TimeSpan.FromSeconds(5));                    // attempt 1 fails
        Assert.False(await attempted.WaitAsync(TimeSpan.FromMilliseconds(50)));  // and waits on (fake) time
        time.Advance(Cap);
        Assert.True(await attempted.WaitAsync(TimeSpan.FromSeconds(5)));       // attempt 2 fails, at most the cap later
        Assert.False(await attempted.WaitAsync(TimeSpan.FromMilliseconds(50)));
        time.Advance(Cap);
        Assert.True(await attempted.WaitAsync(TimeSpan.FromSeconds(5)));       // attempt 3 connects
        lost.SetResult();
        Assert.True(await attempted.WaitAsync(TimeSpan.FromSeconds(5)));       // attempt 4 at once, no time passed
        Assert.Equal([3, 4], connectedAt);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
