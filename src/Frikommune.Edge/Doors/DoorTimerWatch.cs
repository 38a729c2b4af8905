using Frikommune.Edge.Hosting;
using Microsoft.Extensions.Hosting;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Doors;

/// <summary>
/// Watches what drives the doors' timers (release, delayed egress, held-open): the timer queue of the injected clock
/// and each door's lock. Every second a timer on the same clock asks every door for its lock; only when each answers
/// does it beat <see cref="LoopName"/>. A door stuck inside its lock, or timers that no longer fire, stop the beat.
/// </summary>
public sealed class DoorTimerWatch : IHostedService, IDisposable
{
    public const string LoopName = "door-timers";
    static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(1);
    // The lock is held for microseconds; waiting longer would only tie up a thread-pool thread per tick on a stuck door.
    static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(100);
    readonly Func<IEnumerable<DoorStateMachine>> _doors;
    readonly TimeProvider _time;
    readonly LoopHealth? _health;
    ITimer? _timer;

    public DoorTimerWatch(IDoorFleet fleet, TimeProvider time, LoopHealth? health = null) : this(() => fleet.Doors, time, health) { }

    internal DoorTimerWatch(Func<IEnumerable<DoorStateMachine>> doors, TimeProvider time, LoopHealth? health)
    {
        _doors = doors;
        _time = time;
        _health = health;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_health is null) return Task.CompletedTask;
        _health.Register(LoopName, BeatEvery * 10);
        _timer = _time.CreateTimer(_ => Check(), null, BeatEvery, BeatEvery);
        return Task.CompletedTask;
    }

    void Check()
    {
        foreach (var door in _doors())
            if (!door.IsResponsive(LockWait)) return;
        _health!.Beat(LoopName);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        _health?.Unregister(LoopName);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
