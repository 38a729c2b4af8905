namespace Frikommune.Edge.Decisions;

/// <summary>
/// What a resident's objection does right now to that resident's valid decisions: which it suspends and which continue
/// because the decision says so. Recorded with every objection, so the monthly report can count them per decision.
/// </summary>
public static class ObjectionReach
{
    public static IReadOnlyDictionary<string, string?> Of(DecisionRegistry registry, string resident, DateTimeOffset at)
    {
        var mine = registry.All()
            .Where(e => !e.Revoked && e.Decision.IsValidAt(at) && string.Equals(e.Decision.Subject, resident, StringComparison.Ordinal)
                && e.Decision.Measures.Any(MeasureAuthority.SuspendedByObjection))
            .Select(e => e.Decision).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        return new Dictionary<string, string?>
        {
            ["suspends"] = string.Join(',', mine.Where(d => d.SuspendedByObjection).Select(d => d.Id)),
            ["continues"] = string.Join(',', mine.Where(d => !d.SuspendedByObjection).Select(d => d.Id)),
        };
    }
}
