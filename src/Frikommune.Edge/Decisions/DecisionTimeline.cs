using Frikommune.Edge.Observing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// Tells the rest of the gateway the instant the answer to "is M in force?" may have changed: a decision
/// imported or revoked, the clock's trust changed, or a decision's <c>nbf</c>/<c>exp</c> reached. One timer set
/// to the next such instant, never a polling loop over decisions. Also records expiries in the audit trail
/// and picks up tokens that <c>decisions import</c> stored from another process.
/// </summary>
public sealed class DecisionTimeline(DecisionBook book, Configuration.GatewayRun run, ILogger<DecisionTimeline> log) : IHostedService, IDisposable
{
    static readonly TimeSpan CacheCheckEvery = TimeSpan.FromSeconds(2);
    readonly Lock _gate = new();
    ITimer? _next;
    ITimer? _cacheCheck;
    string _fingerprint = "";

    readonly Observers<IDecisionTimelineObserver> _observers = new();

    /// <summary>Tells <paramref name="observer"/> after any change that may alter an in-force answer; dispose the result to stop.</summary>
    public IDisposable Subscribe(IDecisionTimelineObserver observer) => _observers.Add(observer);

    void Tell()
    {
        foreach (var observer in _observers.Now) observer.OnDecisionsChanged();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        book.Load();
        if (run.Simulate && book.WantsDemoDecisions) await book.InstallDemoDecisionsAsync(cancellationToken);
        _fingerprint = book.CacheFingerprint();
        book.Registry.Changed += OnChanged;
        _cacheCheck = book.Time.CreateTimer(_ => CheckCache(), null, CacheCheckEvery, CacheCheckEvery);
        await OnInstantAsync();
    }

    void OnChanged()
    {
        Reschedule();
        Tell();
    }

    void Reschedule()
    {
        var now = book.Time.GetUtcNow();
        var next = book.Registry.NextChangeAfter(now);
        lock (_gate)
        {
            _next?.Dispose();
            _next = next is { } at
                ? book.Time.CreateTimer(_ => _ = OnInstantAsync(), null, Clamp(at - now), Timeout.InfiniteTimeSpan)
                : null;
        }
    }

    // A decision may end years from now; a timer's due time has an upper bound, so wake at most daily and look again.
    static TimeSpan Clamp(TimeSpan due) => due < TimeSpan.Zero ? TimeSpan.Zero : due > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : due;

    async Task OnInstantAsync()
    {
        try
        {
            var expired = await book.Expiries.AuditExpiriesAsync(book.Time.GetUtcNow());
            if (expired > 0) log.LogInformation("{Count} decision(s) expired", expired);
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not record decision expiries; will try again at the next change");
        }
        Reschedule();
        Tell();
    }

    void CheckCache()
    {
        try
        {
            var fingerprint = book.CacheFingerprint();
            if (fingerprint == _fingerprint) return;
            _fingerprint = fingerprint;
            log.LogInformation("Decision cache changed by another process; reloading");
            book.Load();
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not check the decision cache");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        book.Registry.Changed -= OnChanged;
        lock (_gate) _next?.Dispose();
        _cacheCheck?.Dispose();
    }
}

/// <summary>Told the instant the answer to "is M in force?" may have changed; ask <see cref="MeasureAuthority"/> again.</summary>
public interface IDecisionTimelineObserver
{
    void OnDecisionsChanged();
}
