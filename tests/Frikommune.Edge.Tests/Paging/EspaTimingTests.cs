using Frikommune.Edge.Paging.Espa;
using Frikommune.Edge.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Paging;

namespace Frikommune.Edge.Tests.Paging;

/// <summary>The control station's timeouts and poll period come from its <see cref="TimeProvider"/>: checked on a fake clock.</summary>
public sealed class EspaTimingTests
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero));
    readonly PagingSimulator _simulator;
    readonly EspaControlStation _station;
    readonly CancellationTokenSource _stop = new();
    readonly List<Task> _serving = [];
    static readonly EspaLinkOptions Options = new()
    {
        ResponseTimeout = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromSeconds(5), Retries = 2, ReconnectDelay = TimeSpan.FromSeconds(5),
    };

    public EspaTimingTests()
    {
        _simulator = new PagingSimulator(_time);
        _station = new EspaControlStation("fake-clock", cancel =>
        {
            var (gateway, paging) = DuplexPipe.Create();
            _serving.Add(_simulator.ServeAsync(paging, _stop.Token));
            return ValueTask.FromResult(gateway);
        }, Options, _time, NullLogger.Instance);
    }

    /// <summary>Lets the line's tasks run, then moves the fake clock on; returns how far it moved before the condition held.</summary>
    async Task<TimeSpan> AdvanceUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var moved = TimeSpan.Zero;
        while (!condition())
        {
            for (var i = 0; i < 20 && !condition(); i++) await Task.Delay(2); // the pipe and the simulator run on real threads
            if (condition()) break;
            if (moved >= limit) throw new TimeoutException($"not true after {moved} of fake time");
            _time.Advance(TimeSpan.FromMilliseconds(100));
            moved += TimeSpan.FromMilliseconds(100);
        }
        return moved;
    }

    [Fact]
    public async Task Silence_costs_the_response_timeout_once_per_try_and_then_the_call_fails()
    {
        var running = _station.RunAsync(_stop.Token);
        await AdvanceUntilAsync(() => _station.State == EspaLineState.Up, TimeSpan.FromSeconds(5));

        _simulator.Silent = true;
        var call = _station.CallAsync(new EspaCall("201", "Teknisk fejl"));
        var moved = await AdvanceUntilAsync(() => call.IsCompleted, TimeSpan.FromSeconds(30));

        Assert.False((await call).Confirmed);
        // Three selections (the first and two retries), each given the full second to answer; not a poll period more.
        Assert.InRange(moved, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
        Assert.Equal(EspaLineState.Down, _station.State);
        _stop.Cancel();
        await running;
    }

    [Fact]
    public async Task An_idle_line_is_polled_once_per_poll_interval()
    {
        var downs = 0;
        var running = _station.RunAsync(_stop.Token);
        await AdvanceUntilAsync(() => _station.State == EspaLineState.Up, TimeSpan.FromSeconds(5));
        _station.StateChanged += (state, _) => { if (state == EspaLineState.Down) Interlocked.Increment(ref downs); };
        _simulator.Silent = true;
        // Silent now: the next poll, due one interval after the last, finds no answer and takes the line down.
        var moved = await AdvanceUntilAsync(() => _station.State == EspaLineState.Down, TimeSpan.FromSeconds(20));
        Assert.InRange(moved, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6.2));
        Assert.Equal(1, downs);
        _stop.Cancel();
        await running;
    }
}
