
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Storage;

/// <summary>
/// The ledger's sessions. Times are UTC ticks (100 ns) so a session reads back exactly as it was saved and the
/// load rule of <see cref="CheckInLedger.Matters"/> gives the same answer in SQL as in memory.
/// </summary>
public sealed class CheckInSchema : ISchema
{
    public string Name => "checkins";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE checkin_sessions (
            session_id TEXT PRIMARY KEY, room TEXT NOT NULL, staff TEXT NOT NULL, decision_id TEXT NOT NULL,
            trigger TEXT NOT NULL, started_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
            min_gap_seconds INTEGER NOT NULL, ended_at INTEGER, end_reason TEXT, viewed_seconds REAL);
        CREATE INDEX checkin_sessions_open ON checkin_sessions(session_id) WHERE ended_at IS NULL;
        CREATE INDEX checkin_sessions_latest_end ON checkin_sessions(COALESCE(ended_at, expires_at));
        """,
    ];
}
