namespace Frikommune.Edge.Gpio;

/// <summary>
/// Leading-edge debounce: the first edge is reported at once, edges inside the window after it are ignored, and
/// when the window ends the level it settled at is reported if it differs, so a bouncing release is not lost.
/// </summary>
public sealed class Debouncer : IDisposable
{
    readonly object _gate = new();
    readonly TimeSpan _window;
    readonly Action<bool> _report;
    readonly ITimer _timer;
    bool _raw, _reported, _settling;

    /// <param name="report">Called with each debounced level, under the debouncer's lock, on the caller's or a timer thread.</param>
    public Debouncer(bool initialLevel, TimeSpan window, TimeProvider time, Action<bool> report)
    {
        _raw = _reported = initialLevel;
        _window = window;
        _report = report;
        _timer = time.CreateTimer(static s => ((Debouncer)s!).OnWindowEnded(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The last level reported.</summary>
    public bool Level { get { lock (_gate) return _reported; } }

    /// <summary>A raw level from the pin (true = high).</summary>
    public void Input(bool level)
    {
        lock (_gate)
        {
            _raw = level;
            if (!_settling && level != _reported) Report(level);
        }
    }

    public void Dispose() => _timer.Dispose();

    void Report(bool level)
    {
        _reported = level;
        if (_window > TimeSpan.Zero)
        {
            _settling = true;
            _timer.Change(_window, Timeout.InfiniteTimeSpan);
        }
        _report(level);
    }

    void OnWindowEnded()
    {
        lock (_gate)
        {
            _settling = false;
            if (_raw != _reported) Report(_raw);
        }
    }
}
