
using Frikommune.Edge.Objections;

namespace Frikommune.Edge.Storage;

/// <summary>The current objection per resident; its history is in the audit trail.</summary>
public sealed class ObjectionSchema : ISchema
{
    public string Name => "objections";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE objections (
            resident TEXT PRIMARY KEY, objects INTEGER NOT NULL, staff TEXT NOT NULL, recorded_at INTEGER NOT NULL);
        """,
    ];
}
