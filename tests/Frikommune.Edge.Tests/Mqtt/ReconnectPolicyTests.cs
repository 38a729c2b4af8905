using Frikommune.Edge.Mqtt;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Mqtt;

public sealed class ReconnectPolicyTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Delays_grow_exponentially_and_never_reach_the_cap(double random)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(2), () => random);
        var delays = Enumerable.Range(0, 40).Select(backoff.Delay).ToList();
        Assert.All(delays, d => Assert.True(d < TimeSpan.FromSeconds(2) && d > TimeSpan.Zero, d.ToString()));
        Assert.True(delays[1] > delays[0] && delays[2] > delays[1]);
        Assert.Equal(delays[20], delays[39]);
    }

    [Fact]
    public void Jitter_spreads_the_delay_between_40_and_90_percent_of_the_ceiling()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(800), new ReconnectBackoff(TimeSpan.FromSeconds(2), () => 0).Delay(10));
        Assert.Equal(TimeSpan.FromMilliseconds(1800), new ReconnectBackoff(TimeSpan.FromSeconds(2), () => 1).Delay(10));
    }

    [Fact]
    public async Task The_loop_backs_off_between_failures_and_retries_at_once_after_a_lost_connection()
    {
        var time = new FakeTimeProvider();
        var loop = new ReconnectLoop(new ReconnectBackoff(TimeSpan.FromSeconds(2), () => 0), time);
        var attempts = 0;
        var connectedAt = new List<int>();
        var lost = new TaskCompletionSource();
        var attempted = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(_ => { attempts++; attempted.Release(); return Task.FromResult(attempts is 3 or 4); },
            async ct => { connectedAt.Add(attempts); if (attempts == 3) await lost.Task; else await Task.Delay(Timeout.Infinite, ct); }, stop.Token);

        await attempted.WaitAsync(TimeSpan.FromSeconds(5));                    // attempt 1 fails
        Assert.False(await attempted.WaitAsync(TimeSpan.FromMilliseconds(50)));  // waits 40 ms of fake time
        time.Advance(TimeSpan.FromMilliseconds(40));
        await attempted.WaitAsync(TimeSpan.FromSeconds(5));                    // attempt 2 fails
        time.Advance(TimeSpan.FromMilliseconds(79));
        Assert.False(await attempted.WaitAsync(TimeSpan.FromMilliseconds(50)));
        time.Advance(TimeSpan.FromMilliseconds(1));
        await attempted.WaitAsync(TimeSpan.FromSeconds(5));                    // attempt 3 connects
        lost.SetResult();
        await attempted.WaitAsync(TimeSpan.FromSeconds(5));                    // attempt 4 at once, no time passed
        Assert.Equal([3, 4], connectedAt);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
