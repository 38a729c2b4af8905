using Frikommune.Edge.Audit;
using Frikommune.Edge.Storage;
using Microsoft.Data.Sqlite;

namespace Frikommune.Edge.Alarms;

/// <summary>
/// Makes every alarm change durable before the desk moves on: the alarm's state and an outbox row in one
/// transaction, then the audit record. <see cref="Pending"/> wakes the publisher.
/// </summary>
public sealed class SqliteAlarmOutbox(Database database, IAuditTrail audit) : IAlarmOutbox
{
    public event Action? Pending;

    /// <summary>Every change once it is durable. Called under the desk's lock: do not call back into the desk.</summary>
    public event Action<AlarmChange>? Changed;

    public void Enqueue(AlarmChange change)
    {
        var a = change.Alarm;
        using (var connection = database.Open())
        using (var tx = connection.BeginTransaction(deferred: false))
        {
            using var upsert = connection.CreateCommand();
            upsert.Transaction = tx;
            upsert.CommandText = """
                INSERT INTO alarms(id, kind, priority, site, door, room, source, raised_at, state, acked_by, acked_at, resolved_by, resolved_at, escalation)
                VALUES($id, $kind, $priority, $site, $door, $room, $source, $raised, $state, $ackedBy, $ackedAt, $resolvedBy, $resolvedAt, $escalation)
                ON CONFLICT(id) DO UPDATE SET state = $state, acked_by = $ackedBy, acked_at = $ackedAt,
                    resolved_by = $resolvedBy, resolved_at = $resolvedAt, escalation = $escalation
                """;
            Add(upsert, "$id", a.Id); Add(upsert, "$kind", a.Kind.Name()); Add(upsert, "$priority", a.Priority.Name());
            Add(upsert, "$site", a.Site); Add(upsert, "$door", a.Door); Add(upsert, "$room", a.Room); Add(upsert, "$source", a.Source);
            Add(upsert, "$raised", a.RaisedAt.ToUnixTimeMilliseconds()); Add(upsert, "$state", a.State.Name());
            Add(upsert, "$ackedBy", a.AckedBy); Add(upsert, "$ackedAt", a.AckedAt?.ToUnixTimeMilliseconds());
            Add(upsert, "$resolvedBy", a.ResolvedBy); Add(upsert, "$resolvedAt", a.ResolvedAt?.ToUnixTimeMilliseconds());
            Add(upsert, "$escalation", a.Escalation);
            upsert.ExecuteNonQuery();

            using var outbox = connection.CreateCommand();
            outbox.Transaction = tx;
            outbox.CommandText = "INSERT INTO alarm_outbox(alarm_id, change, payload, resolved) VALUES($id, $change, $payload, $resolved)";
            Add(outbox, "$id", a.Id);
            Add(outbox, "$change", change.Change.ToString().ToLowerInvariant());
            outbox.Parameters.Add("$payload", SqliteType.Blob).Value = AlarmJson.ToUtf8Bytes(a);
            Add(outbox, "$resolved", a.State == AlarmState.Resolved ? 1 : 0);
            outbox.ExecuteNonQuery();
            tx.Commit();
        }
        audit.AppendAsync(AuditFor(change)).GetAwaiter().GetResult();
        Changed?.Invoke(change);
        Pending?.Invoke();
    }

    static AuditEntry AuditFor(AlarmChange change)
    {
        var a = change.Alarm;
        var kind = change.Change switch
        {
            AlarmChangeKind.Raised => "alarm-raised",
            AlarmChangeKind.Escalated => "alarm-escalated",
            AlarmChangeKind.Acknowledged => "alarm-acknowledged",
            _ => "alarm-resolved",
        };
        return new AuditEntry(kind, change.By is { } by ? $"staff:{by}" : AuditEntry.Gateway)
        {
            Refs = new AuditRefs(Door: a.Door, Room: a.Room, Alarm: a.Id),
            Details = new Dictionary<string, string?>
            {
                ["kind"] = a.Kind.Name(), ["priority"] = a.Priority.Name(), ["escalation"] = a.Escalation.ToString(),
                ["source"] = a.Source,
            },
        };
    }

    /// <summary>The alarms not resolved, for <see cref="AlarmDesk.Restore"/> after a restart.</summary>
    public IReadOnlyList<Alarm> LoadOpen()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, kind, priority, site, door, room, source, raised_at, state, acked_by, acked_at, escalation
            FROM alarms WHERE state <> 'resolved' ORDER BY raised_at
            """;
        using var r = command.ExecuteReader();
        var alarms = new List<Alarm>();
        while (r.Read())
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            AlarmNames.TryParseKind(r.GetString(1), out var kind);
            alarms.Add(new Alarm(r.GetString(0), kind, ParsePriority(r.GetString(2)), r.GetString(3), S(4), S(5),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)), r.GetString(8) == "acknowledged" ? AlarmState.Acknowledged : AlarmState.Raised,
                S(9), r.GetInt32(11))
            {
                Source = S(6),
                AckedAt = r.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
            });
        }
        return alarms;
    }

    /// <summary>Changes not yet acknowledged by the broker, oldest first.</summary>
    public IReadOnlyList<OutboxItem> ReadPending(int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, alarm_id, payload, resolved FROM alarm_outbox WHERE published_at IS NULL ORDER BY seq LIMIT $n";
        command.Parameters.AddWithValue("$n", limit);
        using var r = command.ExecuteReader();
        var items = new List<OutboxItem>();
        while (r.Read()) items.Add(new OutboxItem(r.GetInt64(0), r.GetString(1), (byte[])r[2], r.GetInt32(3) == 1));
        return items;
    }

    public void MarkPublished(long seq, DateTimeOffset at)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alarm_outbox SET published_at = $t WHERE seq = $s";
        command.Parameters.AddWithValue("$t", at.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$s", seq);
        command.ExecuteNonQuery();
    }

    static AlarmPriority ParsePriority(string name) => name switch { "high" => AlarmPriority.High, "medium" => AlarmPriority.Medium, _ => AlarmPriority.Low };

    static void Add(SqliteCommand command, string name, object? value) => command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    public sealed record OutboxItem(long Seq, string AlarmId, byte[] Payload, bool Resolved);
}
