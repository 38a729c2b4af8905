using Frikommune.Edge.Decisions;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Hosting;

/// <summary>
/// Watches the decision timeline from outside: when a decision's <c>nbf</c> or <c>exp</c> has passed and the timeline
/// has not announced a change since, it is stuck (a measure could stay in force past its end), so
/// <see cref="LoopName"/> stops beating. Otherwise it beats every second.
/// </summary>
public sealed class DecisionTimelineWatch(DecisionTimeline timeline, DecisionRegistry registry, TimeProvider time, LoopHealth health)
    : IHostedService, IDecisionTimelineObserver, IDisposable
{
    public const string LoopName = "decision-timeline";
    static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(1);
    /// <summary>How late the timeline may act on an instant (its audit write may wait for the writer).</summary>
    public static readonly TimeSpan AllowedLag = TimeSpan.FromSeconds(10);
    ITimer? _timer;
    IDisposable? _watch;
    long _lastChangeTicks;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastChangeTicks, time.GetUtcNow().UtcTicks);
        _watch = timeline.Subscribe(this);
        health.Register(LoopName, BeatEvery * 10);
        _timer = time.CreateTimer(_ => Check(), null, BeatEvery, BeatEvery);
        return Task.CompletedTask;
    }

    public void OnDecisionsChanged() => Interlocked.Exchange(ref _lastChangeTicks, time.GetUtcNow().UtcTicks);

    internal bool IsKeepingUp()
    {
        var due = registry.NextChangeAfter(new DateTimeOffset(Interlocked.Read(ref _lastChangeTicks), TimeSpan.Zero));
        return due is not { } at || time.GetUtcNow() - at <= AllowedLag;
    }

    void Check()
    {
        if (IsKeepingUp()) health.Beat(LoopName);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        health.Unregister(LoopName);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _timer?.Dispose();
    }
}
