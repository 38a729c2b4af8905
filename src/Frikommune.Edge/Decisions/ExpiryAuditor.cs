using Frikommune.Edge.Clock;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// Records each decision's end in the audit trail exactly once, remembered in the store so a restart does not repeat it.
/// The host calls <see cref="AuditExpiriesAsync"/> at start and on a timer set to <see cref="DecisionRegistry.NextChangeAfter"/>.
/// </summary>
public sealed class ExpiryAuditor(DecisionRegistry registry, IDecisionStore store, IAuditTrail audit)
{
    HashSet<string>? _audited;

    /// <returns>How many expiries were recorded now.</returns>
    public async Task<int> AuditExpiriesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        _audited ??= new HashSet<string>(store.ExpiryAudited(), StringComparer.Ordinal);
        var ended = registry.All()
            .Where(e => !e.Revoked && e.Decision.Expires <= now && !_audited.Contains(e.Decision.Id))
            .Select(e => e.Decision).OrderBy(d => d.Expires).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        foreach (var decision in ended)
        {
            // Audit before marking: after a crash in between, a repeated record beats a missing one.
            await audit.AppendAsync(new AuditEntry(DecisionAuditKinds.Expired)
            {
                Refs = new AuditRefs(Decision: decision.Id, Resident: decision.Subject),
                Details = new Dictionary<string, string?> { ["exp"] = IsoTime.Format(decision.Expires), ["measures"] = string.Join(',', decision.Measures) },
            }, cancellationToken);
            store.MarkExpiryAudited(decision.Id, now);
            _audited.Add(decision.Id);
        }
        return ended.Count;
    }
}
