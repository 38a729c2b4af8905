
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Storage;

/// <summary>The cache of accepted decision and revocation tokens. The raw token is kept so it can be re-verified at every start.</summary>
public sealed class DecisionSchema : ISchema
{
    public string Name => "decisions";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE decisions (
            jti TEXT PRIMARY KEY, token TEXT NOT NULL, kid TEXT NOT NULL, sub TEXT NOT NULL, basis TEXT NOT NULL,
            measures TEXT NOT NULL, rooms TEXT NOT NULL, doors TEXT NOT NULL,
            nbf INTEGER NOT NULL, exp INTEGER NOT NULL,
            imported_at INTEGER NOT NULL, source TEXT NOT NULL, expiry_audited_at INTEGER NULL);
        CREATE TABLE revocations (
            jti TEXT PRIMARY KEY, token TEXT NOT NULL, kid TEXT NOT NULL, revokes TEXT NOT NULL,
            iat INTEGER NOT NULL, imported_at INTEGER NOT NULL, source TEXT NOT NULL);
        CREATE INDEX revocations_by_revokes ON revocations(revokes);
        """,
    ];
}
