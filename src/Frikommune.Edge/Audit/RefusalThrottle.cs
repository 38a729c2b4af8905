using Frikommune.Edge.StaffCommands;

namespace Frikommune.Edge.Audit;

/// <summary>
/// At most one audit record per refusal kind and source per minute, so a stranger cannot fill the append-only
/// trail. The record that is let through says how many were refused, unrecorded, since the last one. Pure; bounded
/// because kinds are a closed set and sources are registered devices plus one bucket for strangers.
/// </summary>
public sealed class RefusalThrottle
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    readonly Lock _lock = new();
    readonly Dictionary<(string Kind, string Source), (DateTimeOffset Recorded, long Unrecorded)> _last = [];

    /// <summary>True when this refusal is to be recorded; <paramref name="unrecorded"/> is then the count swallowed before it.</summary>
    public bool ShouldRecord(string kind, string source, DateTimeOffset now, out long unrecorded)
    {
        unrecorded = 0;
        lock (_lock)
        {
            if (_last.TryGetValue((kind, source), out var last) && now - last.Recorded < Window && now >= last.Recorded)
            {
                _last[(kind, source)] = last with { Unrecorded = last.Unrecorded + 1 };
                return false;
            }
            unrecorded = last.Unrecorded;
            _last[(kind, source)] = (now, 0);
            return true;
        }
    }
}
