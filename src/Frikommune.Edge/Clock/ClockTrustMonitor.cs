using System.Globalization;
using System.Reflection;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Observing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frikommune.Edge.Clock;

/// <summary>
/// Keeps a persisted high-water mark of the time seen and judges the clock against it, the build date
/// and (with <c>Clock:RequireSync</c>) the kernel's NTP state. Evaluated on start and every few seconds.
/// </summary>
public sealed class ClockTrustMonitor : IClockTrust, IDisposable
{
    static readonly TimeSpan PersistEvery = TimeSpan.FromMinutes(1);
    readonly TimeProvider _time;
    readonly ClockOptions _options;
    readonly IClockMark _store;
    readonly Func<bool?> _kernelSynchronised;
    readonly DateTimeOffset _buildDate;
    readonly ILogger _log;
    readonly Lock _gate = new();
    DateTimeOffset? _mark;
    DateTimeOffset? _persisted;
    ITimer? _timer;

    public ClockTrustMonitor(TimeProvider time, ClockOptions options, IClockMark store,
        Func<bool?>? kernelSynchronised = null, DateTimeOffset? buildDate = null, ILogger<ClockTrustMonitor>? log = null)
    {
        _time = time;
        _options = options;
        _store = store;
        _kernelSynchronised = kernelSynchronised ?? KernelClock.IsSynchronised;
        _buildDate = buildDate ?? BuildDate();
        _log = log ?? NullLogger<ClockTrustMonitor>.Instance;
        _mark = _persisted = store.Load();
        Evaluate();
    }

    public bool IsTrusted => Problem is null;
    public string? Problem { get; private set; } = "not yet evaluated";
    public DateTimeOffset? HighWaterMark => _mark;
    readonly Observers<IClockTrustObserver> _observers = new();

    public IDisposable Subscribe(IClockTrustObserver observer) => _observers.Add(observer);

    public void Start(TimeSpan every) => _timer ??= _time.CreateTimer(_ => Evaluate(), null, every, every);

    public void Evaluate()
    {
        bool changed;
        DateTimeOffset? persist = null;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var problem = ClockJudge.Judge(now, _mark, _buildDate, TimeSpan.FromSeconds(_options.ToleranceSeconds),
                _options.RequireSync, _options.RequireSync ? _kernelSynchronised() : null);
            if (problem is null && (_mark is null || now > _mark)) _mark = now;
            if (problem is null && (_persisted is null || _mark - _persisted >= PersistEvery)) persist = _persisted = _mark;
            changed = problem != Problem;
            if (changed)
            {
                if (problem is null) _log.LogInformation("Clock trusted (high-water mark {Mark:u})", _mark);
                else _log.LogWarning("Clock not trusted: {Problem}; no measure is in force", problem);
            }
            Problem = problem;
        }
        // Written outside the lock: a slow disk must not hold up every reader of IsTrusted.
        if (persist is { } mark) _store.Save(mark);
        if (!changed) return;
        foreach (var observer in _observers.Now)
            try { observer.OnClockTrustChanged(); }
            catch (Exception e) { _log.LogError(e, "A clock trust listener failed"); }
    }

    /// <summary>Writes the mark now, e.g. on a clean stop.</summary>
    public void Persist()
    {
        DateTimeOffset? mark;
        lock (_gate) mark = _persisted = _mark;
        if (mark is { } m) _store.Save(m);
    }

    public static DateTimeOffset BuildDate()
    {
        var value = typeof(ClockTrustMonitor).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildDate")?.Value;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d : DateTimeOffset.UnixEpoch;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        if (IsTrusted) Persist();
    }
}
