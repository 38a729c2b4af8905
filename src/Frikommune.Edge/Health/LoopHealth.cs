using System.Diagnostics.CodeAnalysis;
using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Health;

/// <summary>
/// The gateway's long-running loops each register here and beat while they get through their work: the host, MQTT
/// receive (PINGREQ probe) and send, each inbound lane, the alarm publisher, the audit writer, the door event pump,
/// the door timers and the decision timeline. The systemd watchdog is fed only while every registered loop has
/// beaten recently, so a hung loop makes systemd restart the service instead of leaving it silently dead.
/// </summary>
public sealed class LoopHealth(TimeProvider time)
{
    readonly Lock _gate = new();
    readonly Dictionary<string, Loop> _loops = new(StringComparer.Ordinal);

    /// <summary>Adds (or re-adds) a loop; registering counts as its first beat.</summary>
    public void Register(string name, TimeSpan maxSilence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxSilence, TimeSpan.Zero);
        lock (_gate) _loops[name] = new Loop(maxSilence, time.GetTimestamp());
    }

    /// <summary>A loop that ends on purpose (e.g. at shutdown) leaves, so its silence is not a problem.</summary>
    public void Unregister(string name)
    {
        lock (_gate) _loops.Remove(name);
    }

    /// <summary>The loop is alive. An unknown name throws: a typo must not turn into a silent restart loop.</summary>
    public void Beat(string name)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (!_loops.TryGetValue(name, out var loop)) throw new KeyNotFoundException($"loop '{name}' is not registered");
            _loops[name] = loop with { LastBeat = now };
        }
    }

    /// <summary>True when every registered loop beat within its allowed silence; otherwise names the first that did not.</summary>
    public bool IsHealthy([NotNullWhen(false)] out string? problem)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            foreach (var (name, loop) in _loops.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                var silence = time.GetElapsedTime(loop.LastBeat, now);
                if (silence > loop.MaxSilence)
                {
                    problem = $"loop '{name}' silent for {silence.TotalSeconds:0.#} s (allowed {loop.MaxSilence.TotalSeconds:0.#} s)";
                    return false;
                }
            }
        }
        problem = null;
        return true;
    }

    /// <summary>The loops silent for longer than they are allowed, by name.</summary>
    public IReadOnlyList<string> Silent()
    {
        var now = time.GetTimestamp();
        lock (_gate)
            return _loops.Where(l => time.GetElapsedTime(l.Value.LastBeat, now) > l.Value.MaxSilence)
                .Select(l => l.Key).Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyCollection<string> Names
    {
        get { lock (_gate) return _loops.Keys.ToArray(); }
    }

    readonly record struct Loop(TimeSpan MaxSilence, long LastBeat);
}
