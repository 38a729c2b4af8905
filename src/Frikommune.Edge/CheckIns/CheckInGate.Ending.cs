namespace Frikommune.Edge.CheckIns;

/// <summary>How look-ins end: a session stops the instant its basis, its time or a trustworthy clock is gone.</summary>
public sealed partial class CheckInGate
{
    /// <summary>
    /// Ends every open session that may no longer run: time up (by wall clock or by the monotonic one), the clock
    /// stepped back before its start or is not trusted, its decision no longer in force, an objection recorded.
    /// Call it on every decision, objection and clock-trust change — after the change is visible to
    /// <see cref="ICheckInFacts"/> — and on a short timer.
    /// </summary>
    public IReadOnlyList<CheckInSession> Review()
    {
        List<CheckInSession> ended;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var rooms = _ledger.OpenSessions.Select(s => s.Room).Distinct().ToList();
            ended = rooms.SelectMany(room => ReviewRoom(room, _facts.Read(room), now)).ToList();
        }
        Raise(ended);
        return ended;
    }

    /// <summary>
    /// Ends one session now (the viewer closed it, the stream failed). Null if unknown. For a session already ended
    /// (time up, revoked) it only records <paramref name="viewedSeconds"/> if none was known yet, and raises nothing.
    /// </summary>
    public CheckInSession? End(string sessionId, CheckInEndReason reason, double? viewedSeconds = null)
    {
        CheckInSession? session;
        var endedNow = false;
        lock (_lock)
        {
            session = _ledger.Find(sessionId);
            if (session is { IsOpen: true })
            {
                session = EndLocked(session, reason, _time.GetUtcNow(), viewedSeconds);
                endedNow = true;
            }
            else if (session is { ViewedSeconds: null } && viewedSeconds is { } viewed)
                session = _ledger.RecordViewed(session, viewed);
        }
        if (endedNow)
            Raise([session!]);
        return session;
    }

    /// <summary>Ends every open session: the gateway stops, or the clock is no longer trusted.</summary>
    public IReadOnlyList<CheckInSession> EndAll(CheckInEndReason reason)
    {
        List<CheckInSession> ended;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            ended = _ledger.OpenSessions.ToList().Select(s => EndLocked(s, reason, now, null)).ToList();
        }
        Raise(ended);
        return ended;
    }

    List<CheckInSession> ReviewRoom(string room, CheckInFacts facts, DateTimeOffset now)
    {
        if (_ledger.OpenIn(room) is not { } open) return [];
        var reason = WhyItMustEnd(open, facts, now);
        if (reason is null) return [];
        // Time up is recorded at the planned end even when the wall clock, stepped back, reads earlier.
        var at = reason == CheckInEndReason.TimeUp ? open.ExpiresAt : now;
        return [EndLocked(open, reason.Value, at, null)];
    }

    CheckInEndReason? WhyItMustEnd(CheckInSession session, CheckInFacts facts, DateTimeOffset now)
    {
        var planned = session.ExpiresAt - session.StartedAt;
        if (now >= session.ExpiresAt || RanFor(session) >= planned) return CheckInEndReason.TimeUp;
        if (now < session.StartedAt) return CheckInEndReason.ClockStepped;
        if (!facts.ClockTrusted) return CheckInEndReason.ClockUntrusted;
        if (!facts.RoomExists || !facts.Policies.Any(p => p.UsableWith(facts.IndicatorWorks) && p.DecisionId == session.DecisionId))
            return CheckInEndReason.DecisionEnded;
        if (facts.ObjectionRecorded) return CheckInEndReason.Objection;
        return null;
    }

    TimeSpan RanFor(CheckInSession session) =>
        _ledger.Stamps(session.SessionId) is { } stamps ? _time.GetElapsedTime(stamps.Start) : TimeSpan.MaxValue;

    /// <summary>The monotonic end is never later than start + planned length: the stream's own timer stops it there.</summary>
    CheckInSession EndLocked(CheckInSession session, CheckInEndReason reason, DateTimeOffset now, double? viewed)
    {
        var endStamp = _time.GetTimestamp();
        if (_ledger.Stamps(session.SessionId) is { } stamps)
        {
            var planned = (long)((session.ExpiresAt - session.StartedAt).TotalSeconds * _time.TimestampFrequency);
            endStamp = Math.Min(endStamp, stamps.Start + planned);
        }
        return _ledger.End(session, reason, now, endStamp, viewed);
    }

    void Raise(IEnumerable<CheckInSession> ended)
    {
        foreach (var session in ended)
            Ended?.Invoke(session);
    }
}
