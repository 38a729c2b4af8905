using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.CheckIns;

/// <summary>
/// The gate of the situational check-in (kamera-kig): the one place that grants a look-in, bounded so that no
/// sequence of requests, restarts or clock steps can assemble continuous surveillance (§ 14 stk. 4).
/// Deciding and reserving happen under one lock, so concurrent requests for a room yield at most one grant.
/// </summary>
public sealed partial class CheckInGate
{
    static readonly TimeSpan Day = TimeSpan.FromHours(24);

    readonly Lock _lock = new();
    readonly CheckInsOptions _site;
    readonly ICheckInFacts _facts;
    readonly CheckInLedger _ledger;
    readonly TimeProvider _time;
    readonly Func<string> _newSessionId;

    public CheckInGate(
        CheckInsOptions site, ICheckInFacts facts, CheckInLedger ledger, TimeProvider time,
        Func<string>? newSessionId = null)
    {
        if (site.MaxSecondsCap <= 0 || site.MinGapSecondsFloor < 0 || site.TriggerWindowSeconds < 0)
            throw new ArgumentException("CheckIns: caps must be positive.", nameof(site));
        _site = site;
        _facts = facts;
        _ledger = ledger;
        _time = time;
        _newSessionId = newSessionId ?? (() => Guid.NewGuid().ToString("N"));
    }

    /// <summary>Raised, outside the lock, for every session that ends, whoever ended it.</summary>
    public event Action<CheckInSession>? Ended;

    /// <summary>
    /// Grants a look-in or refuses with the first failing check, in the order of
    /// <see cref="CheckInRefusals.InPrecedence"/>: the room, then whether time can be reasoned about, then the legal
    /// basis, then the situation, then the rate limits.
    /// </summary>
    public CheckInOutcome Request(CheckInRequest request)
    {
        List<CheckInSession> ended;
        CheckInOutcome outcome;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var facts = _facts.Read(request.Room);
            ended = ReviewRoom(request.Room, facts, now);
            outcome = Decide(request, facts, now);
            if (outcome is CheckInRefusal refusal)
                outcome = refusal with { DecisionIds = facts.Policies.Select(p => p.DecisionId).Distinct().ToArray() };
            _ledger.Prune(now, _time.GetElapsedTime);
        }
        Raise(ended);
        return outcome;
    }

    public IReadOnlyList<CheckInSession> OpenSessions()
    {
        lock (_lock)
            return _ledger.OpenSessions.ToList();
    }

    public CheckInSession? Find(string sessionId)
    {
        lock (_lock)
            return _ledger.Find(sessionId);
    }

    CheckInOutcome Decide(CheckInRequest request, CheckInFacts facts, DateTimeOffset now)
    {
        if (!facts.RoomExists) return Refuse(CheckInRefusals.UnknownRoom);
        if (!facts.CameraAvailable) return Refuse(CheckInRefusals.CameraUnavailable);
        if (!facts.ClockTrusted) return Refuse(CheckInRefusals.ClockUntrusted);
        var policies = facts.Policies.Where(p => p.IsUsable).ToList();
        if (policies.Count == 0) return Refuse(CheckInRefusals.NoValidDecision);
        if (facts.ObjectionRecorded) return Refuse(CheckInRefusals.Objection);
        policies = policies.Where(p => p.UsableWith(facts.IndicatorWorks)).ToList();
        if (policies.Count == 0) return Refuse(CheckInRefusals.IndicatorMissing);
        var situation = CheckInRules.Situation(
            policies, request.Origin, facts.Alarms, now, TimeSpan.FromSeconds(_site.TriggerWindowSeconds));
        if (situation is null) return Refuse(CheckInRefusals.NotSituational);
        if (_ledger.OpenIn(request.Room) is not null) return Refuse(CheckInRefusals.Busy);

        var limits = CheckInRules.Limits(policies, _site);
        var history = _ledger.Sessions(request.Room);
        if (history.Any(s => InGap(s, limits.MinGapSeconds, now))) return Refuse(CheckInRefusals.Cooldown);
        if (history.Count(s => InLastDay(s, now)) >= limits.MaxPer24h) return Refuse(CheckInRefusals.Quota);

        var session = new CheckInSession(
            _newSessionId(), request.Room, request.Staff, situation.Value.DecisionId, situation.Value.Trigger,
            now, now + limits.Duration, limits.MinGapSeconds);
        _ledger.Start(session, _time.GetTimestamp());
        return new CheckInGrant(session.SessionId, session.Room, session.DecisionId, session.Trigger,
            session.StartedAt, limits.Duration, session.ExpiresAt);
    }

    static CheckInRefusal Refuse(string code) => new(code);

    /// <summary>
    /// Still within the pause after <paramref name="session"/>, by the wall clock (an end "in the future" after a
    /// step back counts as within: the gap cannot be proven) or, for sessions of this process, by the monotonic one.
    /// </summary>
    bool InGap(CheckInSession session, int gapSeconds, DateTimeOffset now)
    {
        var gap = TimeSpan.FromSeconds(Math.Max(gapSeconds, session.MinGapSeconds));
        if (now < session.LatestEnd + gap) return true;
        return _ledger.Stamps(session.SessionId) is { End: { } end } && _time.GetElapsedTime(end) < gap;
    }

    /// <summary>Started within the last 24 h by either clock; a start "in the future" counts.</summary>
    bool InLastDay(CheckInSession session, DateTimeOffset now) =>
        session.StartedAt > now - Day
        || (_ledger.Stamps(session.SessionId) is { } stamps && _time.GetElapsedTime(stamps.Start) < Day);
}
