using Frikommune.Edge.Clock;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// The decisions held and which are valid at an instant (LEGAL.md rule 1): a decision names the measure, its
/// signature held at import and at this start, <c>nbf &lt;= at &lt; exp</c>, it is not revoked, and the clock is
/// trusted. Whether a measure may be used on a resident now (objections too) is <see cref="MeasureAuthority"/>'s answer.
/// Reads are lock-free on an immutable snapshot; the rare writes swap in a new one.
/// </summary>
public sealed partial class DecisionRegistry
{
    readonly IClockTrust _clock;
    readonly Lock _write = new();
    volatile Snapshot _current = Snapshot.Empty;

    public DecisionRegistry(IClockTrust clock)
    {
        _clock = clock;
        // Lives as long as the gateway, like the clock it listens to.
        _clock.Subscribe(new ClockWatch(this));
    }

    /// <summary>Raised after decisions are added or revoked, and when clock trust changes: every answer may differ.</summary>
    public event Action? Changed;

    sealed class ClockWatch(DecisionRegistry registry) : IClockTrustObserver
    {
        public void OnClockTrustChanged() => registry.Changed?.Invoke();
    }

    public int Count => _current.ById.Count;

    /// <summary>Adds a verified decision; false when its id is already held. A revocation seen earlier applies at once.</summary>
    public bool Add(Decision decision)
    {
        lock (_write)
        {
            var now = _current;
            if (now.ById.ContainsKey(decision.Id)) return false;
            _current = now.With([.. now.Entries, new Entry(decision, now.RevokedIds.Contains(decision.Id))], now.RevokedIds);
        }
        Changed?.Invoke();
        return true;
    }

    /// <summary>Revokes a decision now, also one not seen yet (retained messages may come in any order).</summary>
    public void Revoke(string decisionId)
    {
        lock (_write)
        {
            var now = _current;
            if (now.RevokedIds.Contains(decisionId)) return;
            var entries = now.Entries.Select(e => e.Decision.Id == decisionId ? e with { Revoked = true } : e).ToArray();
            _current = now.With(entries, new HashSet<string>(now.RevokedIds, StringComparer.Ordinal) { decisionId });
        }
        Changed?.Invoke();
    }

    /// <summary>Replaces everything, e.g. with the cached tokens that still verify at start.</summary>
    public void Load(IEnumerable<Decision> decisions, IEnumerable<string> revokedIds)
    {
        var revoked = new HashSet<string>(revokedIds, StringComparer.Ordinal);
        var entries = decisions.DistinctBy(d => d.Id).Select(d => new Entry(d, revoked.Contains(d.Id))).ToArray();
        lock (_write) _current = Snapshot.Empty.With(entries, revoked);
        Changed?.Invoke();
    }

    /// <summary>
    /// Is <paramref name="measure"/> in force at <paramref name="place"/> (a room, or a door for the door opener)?
    /// With <paramref name="resident"/>, only that resident's decisions count; without, any resident's.
    /// </summary>
    public MeasureAnswer Check(string measure, string place, string? resident, DateTimeOffset at)
    {
        if (!_clock.IsTrusted) return MeasureAnswer.No(InForceReasons.ClockUntrusted);
        if (!_current.ByPlace.TryGetValue(new PlaceKey(measure, place), out var entries))
            return MeasureAnswer.No(InForceReasons.NoDecision);
        Entry? first = null;
        int valid = 0;
        bool seen = false, notYet = false, revoked = false;
        var ticks = at.UtcTicks;
        foreach (var entry in entries)
        {
            if (resident is not null && !string.Equals(entry.Decision.Subject, resident, StringComparison.Ordinal)) continue;
            seen = true;
            if (entry.Revoked) revoked = true;
            else if (ticks < entry.NotBefore) notYet = true;
            else if (ticks < entry.Expires) { valid++; first ??= entry; }
        }
        if (valid == 1) return MeasureAnswer.Yes(first!.Alone);
        if (valid > 1) return MeasureAnswer.Yes(AllValid(entries, resident, ticks, valid));
        // The most hopeful reason first: one that will become valid, then one withdrawn, then one ended.
        return MeasureAnswer.No(!seen ? InForceReasons.NoDecision : notYet ? InForceReasons.NotYetValid
            : revoked ? InForceReasons.Revoked : InForceReasons.Expired);
    }

    /// <summary>The first <c>nbf</c> or <c>exp</c> of a decision not revoked strictly after <paramref name="t"/>; null if none.</summary>
    public DateTimeOffset? NextChangeAfter(DateTimeOffset t)
    {
        var boundaries = _current.Boundaries;
        var i = Array.BinarySearch(boundaries, t.UtcTicks);
        i = i >= 0 ? i + 1 : ~i;
        return i < boundaries.Length ? new DateTimeOffset(boundaries[i], TimeSpan.Zero) : null;
    }

    public bool TryGet(string id, out Decision decision, out bool revoked)
    {
        var found = _current.ById.TryGetValue(id, out var entry);
        decision = entry?.Decision!;
        revoked = entry?.Revoked ?? false;
        return found;
    }

    /// <summary>Every decision held, with whether it is revoked.</summary>
    public IReadOnlyList<(Decision Decision, bool Revoked)> All() =>
        _current.Entries.Select(e => (e.Decision, e.Revoked)).ToArray();

    /// <summary>The view behind <c>decisions list</c> and <c>GET /api/decisions</c>, ordered by start then id.</summary>
    public IReadOnlyList<DecisionView> States(DateTimeOffset at) =>
        _current.Entries.Select(e => DecisionView.Of(e.Decision, e.Revoked, at))
            .OrderBy(v => v.Nbf).ThenBy(v => v.Id, StringComparer.Ordinal).ToArray();

    static Decision[] AllValid(Entry[] entries, string? resident, long ticks, int count)
    {
        var valid = new Decision[count];
        var n = 0;
        foreach (var e in entries)
            if ((resident is null || string.Equals(e.Decision.Subject, resident, StringComparison.Ordinal))
                && !e.Revoked && e.NotBefore <= ticks && ticks < e.Expires)
                valid[n++] = e.Decision;
        return valid;
    }
}
