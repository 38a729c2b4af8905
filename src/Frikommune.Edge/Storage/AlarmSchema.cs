
using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Storage;

public sealed class AlarmSchema : ISchema
{
    public string Name => "alarms";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE alarms (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, priority TEXT NOT NULL, site TEXT NOT NULL,
            door TEXT, room TEXT, source TEXT, raised_at INTEGER NOT NULL, state TEXT NOT NULL,
            acked_by TEXT, acked_at INTEGER, resolved_by TEXT, resolved_at INTEGER, escalation INTEGER NOT NULL);
        CREATE INDEX alarms_open ON alarms(state) WHERE state <> 'resolved';
        -- Every state change, in order, until the broker has acknowledged it (CONTRACT § 4: nothing is lost).
        CREATE TABLE alarm_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, alarm_id TEXT NOT NULL, change TEXT NOT NULL,
            payload BLOB NOT NULL, resolved INTEGER NOT NULL, published_at INTEGER);
        CREATE INDEX alarm_outbox_pending ON alarm_outbox(seq) WHERE published_at IS NULL;
        """,
    ];
}
