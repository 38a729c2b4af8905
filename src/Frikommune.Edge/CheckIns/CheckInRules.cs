using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.CheckIns;

/// <summary>The bounds a grant must keep: the stricter of the site's caps and every decision in force.</summary>
public readonly record struct CheckInLimits(TimeSpan Duration, int MinGapSeconds, int MaxPer24h);

/// <summary>The situation that justifies a look-in: which decision allows it and by which trigger.</summary>
public readonly record struct CheckInSituation(string DecisionId, string Trigger);

/// <summary>Pure rules of the gate, without state or clock.</summary>
static class CheckInRules
{
    /// <summary>
    /// When several decisions are in force for one resident, every one of them must hold, so the bounds are the
    /// strictest of all (shortest look-in, longest gap, smallest quota) — a session never breaks any decision.
    /// </summary>
    public static CheckInLimits Limits(IReadOnlyList<CheckInPolicy> policies, CheckInsOptions site) => new(
        TimeSpan.FromSeconds(Math.Min(site.MaxSecondsCap, policies.Min(p => p.MaxSeconds))),
        Math.Max(site.MinGapSecondsFloor, policies.Max(p => p.MinGapSeconds)),
        policies.Min(p => p.MaxPer24h));

    /// <summary>
    /// The first decision (by id, ordinal) whose triggers the situation meets. A staff request is situational
    /// when a decision allows <c>staff-request</c>; otherwise an alarm for the room of an allowed family is needed,
    /// raised within the window or still unresolved. An alarm "raised in the future" (the clock stepped back)
    /// proves nothing unless it is still open.
    /// </summary>
    public static CheckInSituation? Situation(
        IReadOnlyList<CheckInPolicy> policies, CheckInOrigin origin, IReadOnlyList<RecentAlarm> alarms,
        DateTimeOffset now, TimeSpan window)
    {
        var alarmTriggers = alarms
            .Where(a => a.Open || (a.RaisedAt <= now && now - a.RaisedAt <= window))
            .Select(a => CheckInTriggers.ForAlarmKind(a.Kind))
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        IEnumerable<string> candidates = origin == CheckInOrigin.StaffRequest
            ? [CheckInTriggers.StaffRequest, .. alarmTriggers]
            : [.. alarmTriggers, CheckInTriggers.StaffRequest];

        foreach (var policy in policies.OrderBy(p => p.DecisionId, StringComparer.Ordinal))
            foreach (var trigger in candidates)
                if (policy.Allows(trigger))
                    return new CheckInSituation(policy.DecisionId, trigger);
        return null;
    }

    /// <summary>
    /// Where a session's end is put when it is closed at <paramref name="at"/>: never after its expiry (the stream
    /// stops there), and if the clock now reads before its start the true end cannot be known, so the latest
    /// possible one, its expiry, is kept — the gap is then counted from there.
    /// </summary>
    public static DateTimeOffset EndFor(CheckInSession session, DateTimeOffset at) =>
        at < session.StartedAt ? session.ExpiresAt : (at < session.ExpiresAt ? at : session.ExpiresAt);
}
