using Frikommune.Edge.Hosting;
using Microsoft.Extensions.Hosting;

namespace Frikommune.Edge.Doors;

/// <summary>
/// Watches what drives the doors' timers (release, delayed egress, held-open): the timer queue of the injected clock
/// and each door's lock. Every second a timer on the same clock takes every door's lock; only then does it beat
/// <see cref="LoopName"/>. A door stuck inside its lock, or timers that no longer fire, stop the beat.
/// </summary>
public sealed class DoorTimerWatch(DoorFleet fleet, TimeProvider time, LoopHealth? health = null) : IHostedService, IDisposable
{
    public const string LoopName = "door-timers";
    static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(1);
    ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (health is null) return Task.CompletedTask;
        health.Register(LoopName, BeatEvery * 10);
        _timer = time.CreateTimer(_ => Check(), null, BeatEvery, BeatEvery);
        return Task.CompletedTask;
    }

    void Check()
    {
        foreach (var door in fleet.Doors) _ = door.State; // takes the door's lock
        health!.Beat(LoopName);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        health?.Unregister(LoopName);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
