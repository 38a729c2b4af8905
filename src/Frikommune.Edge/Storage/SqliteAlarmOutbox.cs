using Frikommune.Edge.Observing;
using Frikommune.Edge.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Storage;

/// <summary>
/// Makes every alarm change durable in one transaction with one fsync: the alarm's row, its outbox row and its audit
/// record, group-committed by the audit writer with whatever else is waiting. <see cref="Enqueue"/> never blocks (the
/// desk calls it under its lock); the write happens on the audit writer's thread, in the order of the calls.
/// </summary>
public sealed class SqliteAlarmOutbox(Database database, SqliteAuditTrail audit, ILogger<SqliteAlarmOutbox>? log = null) : IAlarmOutbox
{
    readonly ILogger _log = log ?? NullLogger<SqliteAlarmOutbox>.Instance;
    long _unstored;

    // Copy-on-write: told on the journal's writer thread without a lock.
    readonly Observers<IAlarmObserver> _changes = new();
    readonly Observers<IAlarmOutboxObserver> _rows = new();

    /// <summary>
    /// Every change once it is durable, in order — the point where an alarm change becomes a fact (the pager, the
    /// doors, the page). Told on the journal's writer thread: do not block. Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(IAlarmObserver observer) => _changes.Add(observer);

    /// <summary>The outbox row of every durable change, in order, told before the observers of the change: the publisher.</summary>
    public IDisposable Subscribe(IAlarmOutboxObserver observer) => _rows.Add(observer);

    public void Enqueue(AlarmChange change)
    {
        Metrics.AlarmPathTrace.Mark(Metrics.AlarmPathTrace.Hop.Raised);
        var rows = new Rows(this, change);
        audit.AppendAsync(AuditFor(change), rows).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    void OnCommitted(AlarmChange change, OutboxItem item) => Tell(change, item);

    /// <summary>Fail toward staff alerted: a change that could not be stored is still published, from memory.</summary>
    void OnFailed(AlarmChange change, Exception error)
    {
        _log.LogCritical(error, "Alarm {Alarm} ({Change}) could not be stored; publishing it from memory only", change.Alarm.Id, change.Change);
        var item = new OutboxItem(-Interlocked.Increment(ref _unstored), change.Alarm.Id, AlarmJson.ToUtf8Bytes(change.Alarm),
            change.Alarm.State == AlarmState.Resolved);
        Tell(change, item);
    }

    void Tell(AlarmChange change, OutboxItem item)
    {
        // The publisher first: the other listeners each wake a loop of their own, which would queue before it.
        foreach (var observer in _rows.Now)
            try { observer.OnDurable(item); }
            catch (Exception e) { _log.LogError(e, "An alarm change listener failed"); }
        foreach (var observer in _changes.Now)
            try { observer.OnDurable(change); }
            catch (Exception e) { _log.LogError(e, "An alarm change listener failed"); }
    }

    /// <summary>The alarm row and its outbox row, written inside the audit writer's transaction.</summary>
    sealed class Rows(SqliteAlarmOutbox owner, AlarmChange change) : IAuditCompanion
    {
        OutboxItem? _item;

        public void Write(SqliteConnection connection, SqliteTransaction tx) => _item = WriteRows(connection, tx, change);

        public void Committed() => owner.OnCommitted(change, _item!);

        public void Failed(Exception error) => owner.OnFailed(change, error);
    }

    /// <summary>
    /// The two statements compiled once per writer connection (the audit writer keeps one for its life): compiling them
    /// for every change was time spent before the fsync, on the alarm path.
    /// </summary>
    sealed class RowStatements
    {
        public readonly SqliteCommand Upsert, Insert;

        public RowStatements(SqliteConnection connection)
        {
            Upsert = connection.CreateCommand();
            Upsert.CommandText = """
                INSERT INTO alarms(id, kind, priority, site, door, room, source, raised_at, state, acked_by, acked_at, resolved_by, resolved_at, escalation)
                VALUES($id, $kind, $priority, $site, $door, $room, $source, $raised, $state, $ackedBy, $ackedAt, $resolvedBy, $resolvedAt, $escalation)
                ON CONFLICT(id) DO UPDATE SET state = $state, acked_by = $ackedBy, acked_at = $ackedAt,
                    resolved_by = $resolvedBy, resolved_at = $resolvedAt, escalation = $escalation
                """;
            foreach (var name in new[] { "$id", "$kind", "$priority", "$site", "$door", "$room", "$source", "$raised", "$state", "$ackedBy", "$ackedAt", "$resolvedBy", "$resolvedAt", "$escalation" })
                Upsert.Parameters.Add(new SqliteParameter { ParameterName = name });
            Insert = connection.CreateCommand();
            Insert.CommandText = "INSERT INTO alarm_outbox(alarm_id, change, payload, resolved) VALUES($id, $change, $payload, $resolved) RETURNING seq";
            foreach (var name in new[] { "$id", "$change", "$resolved" }) Insert.Parameters.Add(new SqliteParameter { ParameterName = name });
            Insert.Parameters.Add("$payload", SqliteType.Blob);
        }
    }

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, RowStatements> Prepared = new();

    static OutboxItem WriteRows(SqliteConnection connection, SqliteTransaction tx, AlarmChange change)
    {
        var a = change.Alarm;
        var statements = Prepared.GetValue(connection, c => new RowStatements(c));
        var upsert = statements.Upsert;
        upsert.Transaction = tx;
        Add(upsert, "$id", a.Id); Add(upsert, "$kind", a.Kind.Name()); Add(upsert, "$priority", a.Priority.Name());
        Add(upsert, "$site", a.Site); Add(upsert, "$door", a.Door); Add(upsert, "$room", a.Room); Add(upsert, "$source", a.Source);
        Add(upsert, "$raised", a.RaisedAt.ToUnixTimeMilliseconds()); Add(upsert, "$state", a.State.Name());
        Add(upsert, "$ackedBy", a.AckedBy); Add(upsert, "$ackedAt", a.AckedAt?.ToUnixTimeMilliseconds());
        Add(upsert, "$resolvedBy", a.ResolvedBy); Add(upsert, "$resolvedAt", a.ResolvedAt?.ToUnixTimeMilliseconds());
        Add(upsert, "$escalation", a.Escalation);
        upsert.ExecuteNonQuery();

        var outbox = statements.Insert;
        outbox.Transaction = tx;
        var payload = AlarmJson.ToUtf8Bytes(a);
        Add(outbox, "$id", a.Id);
        Add(outbox, "$change", change.Change.ToString().ToLowerInvariant());
        outbox.Parameters["$payload"].Value = payload;
        Add(outbox, "$resolved", a.State == AlarmState.Resolved ? 1 : 0);
        var seq = (long)outbox.ExecuteScalar()!;
        return new OutboxItem(seq, a.Id, payload, a.State == AlarmState.Resolved);
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

    /// <summary>
    /// Marks changes the broker acknowledged. Without an fsync of its own (synchronous=NORMAL): a mark lost in a power
    /// cut only sends that change once more, which at-least-once allows; the next durable commit carries it anyway.
    /// </summary>
    public void MarkPublished(IReadOnlyCollection<long> seqs, DateTimeOffset at)
    {
        using var connection = database.Open();
        Database.Execute(connection, "PRAGMA synchronous=NORMAL");
        using var tx = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE alarm_outbox SET published_at = $t WHERE seq = $s";
        var t = command.Parameters.AddWithValue("$t", at.ToUnixTimeMilliseconds());
        var s = command.Parameters.Add("$s", SqliteType.Integer);
        foreach (var seq in seqs.Where(q => q > 0))
        {
            s.Value = seq;
            command.ExecuteNonQuery();
        }
        tx.Commit();
    }

    static AlarmPriority ParsePriority(string name) => name switch { "high" => AlarmPriority.High, "medium" => AlarmPriority.Medium, _ => AlarmPriority.Low };

    static void Add(SqliteCommand command, string name, object? value) => command.Parameters[name].Value = value ?? DBNull.Value;

}
