namespace Frikommune.Edge.CheckIns;

/// <summary>
/// The book of look-ins per room: what the gap and the quota are counted from, kept across restarts through
/// <see cref="ICheckInStore"/>. Not thread-safe on its own; <see cref="CheckInGate"/> is its only writer and holds
/// its lock. Besides wall-clock times it keeps, for sessions of this process, monotonic timestamps of start and end,
/// so a wall-clock step while running can neither shorten a gap nor reset the quota.
/// </summary>
public sealed class CheckInLedger
{
    static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>
    /// How long sessions are kept beyond the quota's day: a wall clock stepped forward and back by up to a day
    /// still finds them. Larger steps are for <c>IClockTrust</c> to catch.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(48);

    readonly ICheckInStore _store;
    readonly Dictionary<string, List<CheckInSession>> _rooms = new(StringComparer.Ordinal);
    readonly Dictionary<string, (long Start, long? End)> _stamps = new(StringComparer.Ordinal);

    CheckInLedger(ICheckInStore store) => _store = store;

    /// <summary>Sessions that were still open in the store, i.e. cut off by a crash, and were closed on load.</summary>
    public IReadOnlyList<CheckInSession> ClosedOnLoad { get; private init; } = [];

    /// <summary>
    /// Reads the store. No session survives a restart: one without an end is closed at its expiry, or at
    /// <paramref name="now"/> if that is earlier, and still counts toward gap and quota.
    /// </summary>
    public static CheckInLedger Load(ICheckInStore store, DateTimeOffset now)
    {
        var loaded = store.Load(now - Retention);
        var closed = new List<CheckInSession>();
        var ledger = new CheckInLedger(store) { ClosedOnLoad = closed };
        foreach (var session in loaded.DistinctBy(s => s.SessionId))
        {
            var kept = session;
            if (session.IsOpen)
            {
                kept = session with { EndedAt = CheckInRules.EndFor(session, now), EndReason = CheckInEndReason.Crash };
                store.Save(kept);
                closed.Add(kept);
            }
            ledger.Room(kept.Room).Add(kept);
        }
        return ledger;
    }

    public IReadOnlyList<CheckInSession> Sessions(string room) =>
        _rooms.TryGetValue(room, out var list) ? list.ToList() : [];

    internal IEnumerable<CheckInSession> OpenSessions => _rooms.Values.SelectMany(l => l).Where(s => s.IsOpen);

    internal CheckInSession? OpenIn(string room) => _rooms.TryGetValue(room, out var l) ? l.Find(s => s.IsOpen) : null;

    internal CheckInSession? Find(string sessionId) =>
        _rooms.Values.SelectMany(l => l).FirstOrDefault(s => s.SessionId == sessionId);

    internal (long Start, long? End)? Stamps(string sessionId) =>
        _stamps.TryGetValue(sessionId, out var s) ? s : null;

    /// <summary>Stores first: if the store fails, the session does not exist and nothing is granted.</summary>
    internal void Start(CheckInSession session, long startStamp)
    {
        _store.Save(session);
        Room(session.Room).Add(session);
        _stamps[session.SessionId] = (startStamp, null);
    }

    /// <summary>Memory first: if the store then fails, the row stays open and a restart closes it conservatively.</summary>
    internal CheckInSession End(
        CheckInSession session, CheckInEndReason reason, DateTimeOffset at, long endStamp, double? viewedSeconds)
    {
        var ended = session with { EndedAt = CheckInRules.EndFor(session, at), EndReason = reason };
        ended = ended with { ViewedSeconds = viewedSeconds is { } v ? Bounded(ended, v) : null };
        Replace(ended);
        if (_stamps.TryGetValue(session.SessionId, out var stamps))
            _stamps[session.SessionId] = (stamps.Start, endStamp);
        _store.Save(ended);
        return ended;
    }

    /// <summary>The stream reports how long the camera was viewed after the session was ended by something else.</summary>
    internal CheckInSession RecordViewed(CheckInSession ended, double viewedSeconds)
    {
        var updated = ended with { ViewedSeconds = Bounded(ended, viewedSeconds) };
        Replace(updated);
        _store.Save(updated);
        return updated;
    }

    static double Bounded(CheckInSession ended, double viewedSeconds) =>
        Math.Clamp(viewedSeconds, 0, (ended.LatestEnd - ended.StartedAt).TotalSeconds);

    void Replace(CheckInSession session)
    {
        var list = Room(session.Room);
        list[list.FindIndex(s => s.SessionId == session.SessionId)] = session;
    }

    /// <summary>
    /// Forgets closed sessions no rule can need any more — the same rule as <see cref="ICheckInStore.Load"/>, and
    /// for sessions of this process also started over a day ago by the monotonic clock.
    /// </summary>
    internal void Prune(DateTimeOffset now, Func<long, TimeSpan> elapsedSince)
    {
        var since = now - Retention;
        foreach (var list in _rooms.Values)
        {
            var stale = list.Where(s => !Matters(s, since)
                && (!_stamps.TryGetValue(s.SessionId, out var st) || elapsedSince(st.Start) > Day)).ToList();
            foreach (var session in stale)
            {
                list.Remove(session);
                _stamps.Remove(session.SessionId);
            }
        }
    }

    /// <summary>The rule <see cref="ICheckInStore.Load"/> keeps by.</summary>
    public static bool Matters(CheckInSession session, DateTimeOffset since) =>
        session.IsOpen || session.StartedAt >= since || session.LatestEnd.AddSeconds(session.MinGapSeconds) >= since;

    List<CheckInSession> Room(string room) =>
        _rooms.TryGetValue(room, out var list) ? list : _rooms[room] = [];
}
