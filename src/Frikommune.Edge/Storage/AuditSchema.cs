
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Storage;

public sealed class AuditSchema : ISchema
{
    public string Name => "audit";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            time TEXT NOT NULL,
            kind TEXT NOT NULL,
            decision TEXT, resident TEXT, door TEXT, room TEXT, alarm TEXT, session TEXT,
            actor TEXT NOT NULL,
            details TEXT,
            prev_hash BLOB NOT NULL,
            hash BLOB NOT NULL);
        CREATE INDEX audit_time ON audit(time);
        -- The head anchors the chain's end, so removing the newest records is detected too.
        CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash BLOB NOT NULL);
        """,
    ];
}
