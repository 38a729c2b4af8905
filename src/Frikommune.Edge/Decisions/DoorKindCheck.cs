namespace Frikommune.Edge.Decisions;

/// <summary>
/// A special door opener only on a door whose kind its basis names (§ 14b: a unit's outer door; § 125: outer doors,
/// unit doors and gates). A door the basis does not name stays free; the import and the start say why.
/// </summary>
public static class DoorKindCheck
{
    /// <summary>The doors of <paramref name="decision"/> whose configured kind its basis does not allow; unknown doors are not judged.</summary>
    public static IReadOnlyList<(string Door, string Kind)> RefusedDoors(Decision decision, Func<string, string?> kindOf) =>
        decision.Measures.Contains(Measures.DoorOpener, StringComparer.Ordinal)
            ? decision.Doors.Select(d => (Door: d, Kind: kindOf(d))).Where(d => d.Kind is not null && !Bases.AllowsDoorKind(decision.Basis, d.Kind))
                .Select(d => (d.Door, d.Kind!)).ToArray()
            : [];

    public static bool Allows(Decision decision, string doorKind) => Bases.AllowsDoorKind(decision.Basis, doorKind);

    public static string Explain(Decision decision, string door, string kind) =>
        $"decision {decision.Id} under {decision.Basis} allows no special door opener on {door}, a {kind} " +
        $"(allowed: {string.Join(", ", Bases.Rule(decision.Basis)?.DoorKinds ?? [])}); the door stays free";
}
