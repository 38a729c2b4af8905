namespace Frikommune.Edge.Decisions;

public sealed partial class DecisionRegistry
{
    sealed record Entry(Decision Decision, bool Revoked)
    {
        public readonly long NotBefore = Decision.NotBefore.UtcTicks;
        public readonly long Expires = Decision.Expires.UtcTicks;
        // Handed out with a yes, so the common single-decision answer allocates nothing.
        public readonly Decision[] Alone = [Decision];
    }

    readonly record struct PlaceKey(string Measure, string Place);

    /// <summary>An immutable index: (measure, room or door) → decisions, plus the sorted instants answers change.</summary>
    sealed class Snapshot
    {
        public static readonly Snapshot Empty = new([], new HashSet<string>(StringComparer.Ordinal));

        public Entry[] Entries { get; }
        public IReadOnlySet<string> RevokedIds { get; }
        public Dictionary<string, Entry> ById { get; } = new(StringComparer.Ordinal);
        public Dictionary<PlaceKey, Entry[]> ByPlace { get; }
        public long[] Boundaries { get; }

        Snapshot(Entry[] entries, IReadOnlySet<string> revokedIds)
        {
            Entries = entries;
            RevokedIds = revokedIds;
            var byPlace = new Dictionary<PlaceKey, List<Entry>>();
            var boundaries = new SortedSet<long>();
            foreach (var entry in entries)
            {
                ById[entry.Decision.Id] = entry;
                if (!entry.Revoked) { boundaries.Add(entry.NotBefore); boundaries.Add(entry.Expires); }
                foreach (var measure in entry.Decision.Measures)
                foreach (var place in Measures.AppliesToDoors(measure) ? entry.Decision.Doors : entry.Decision.Rooms)
                {
                    var key = new PlaceKey(measure, place);
                    if (!byPlace.TryGetValue(key, out var list)) byPlace[key] = list = [];
                    list.Add(entry);
                }
            }
            ByPlace = byPlace.ToDictionary(p => p.Key, p => p.Value.ToArray());
            Boundaries = [.. boundaries];
        }

        public Snapshot With(Entry[] entries, IReadOnlySet<string> revokedIds) => new(entries, revokedIds);
    }
}
