using Frikommune.Edge.Cameras;

namespace Frikommune.Edge.CheckIns;

/// <summary>
/// Which session tokens have been used and how many streams are open per room. A token opens one stream, once:
/// a second connection with it is refused even after the first has closed, so a link cannot be replayed.
/// </summary>
public sealed class CheckInViewers
{
    /// <summary>Claims are kept this long past their expiry; by then the gate no longer knows the session.</summary>
    static readonly TimeSpan KeepClaims = TimeSpan.FromHours(1);

    readonly Lock _lock = new();
    readonly Dictionary<string, DateTimeOffset> _claimed = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>True for the first stream of a session, false for every later one.</summary>
    public bool TryClaim(string sessionId, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var stale in _claimed.Where(c => c.Value + KeepClaims < now).Select(c => c.Key).ToList())
                _claimed.Remove(stale);
            return _claimed.TryAdd(sessionId, expiresAt);
        }
    }

    /// <summary>Open streams of the room's camera, for the status page.</summary>
    public int Viewing(string room)
    {
        lock (_lock)
            return _open.GetValueOrDefault(room);
    }

    public bool IsViewing(string room) => Viewing(room) > 0;

    internal void Opened(string room)
    {
        lock (_lock)
            _open[room] = _open.GetValueOrDefault(room) + 1;
    }

    internal void Closed(string room)
    {
        lock (_lock)
            if (--_open[room] == 0) _open.Remove(room);
    }
}
