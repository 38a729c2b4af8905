using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Health;
using Frikommune.Edge.Observing;

namespace Frikommune.Edge.Storage;

/// <summary>
/// Appends audit records with group commit: callers queue entries, one writer commits all that are
/// waiting in one transaction (synchronous=FULL), and each caller is answered only after that commit.
/// The chain's head is read inside the write lock, so a CLI command and the gateway can append at once.
/// </summary>
public sealed class SqliteAuditTrail : IAuditTrail, IAsyncDisposable, IDisposable
{
    const int MaxBatch = 2048;
    readonly Database _database;
    readonly TimeProvider _time;
    readonly ILogger _log;
    readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    // Wakes the writer's thread straight from the caller: a channel's async wait would first go through a pool thread.
    readonly ManualResetEventSlim _work = new(false);
    readonly Task _writer;
    readonly LoopHealth? _health;
    readonly Observers<IAuditAppendObserver> _appended = new();

    /// <param name="health">When given, the writer beats it (see <see cref="LoopName"/>); the CLI's short-lived trail has none.</param>
    public SqliteAuditTrail(Database database, TimeProvider time, ILogger<SqliteAuditTrail>? log = null, LoopHealth? health = null)
    {
        _database = database;
        _time = time;
        _log = log ?? NullLogger<SqliteAuditTrail>.Instance;
        _health = health;
        // The busy timeout (30 s) is how long a CLI command may hold the file; longer is a hung writer.
        health?.Register(LoopName, TimeSpan.FromSeconds(40));
        _writer = Task.Factory.StartNew(WriteLoop, TaskCreationOptions.LongRunning);
    }

    /// <summary>Tells <paramref name="observer"/> after records are durable, in order; dispose the result to stop.</summary>
    public IDisposable Subscribe(IAuditAppendObserver observer) => _appended.Add(observer);

    public Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        AppendAsync(entry, null, cancellationToken);

    /// <summary>
    /// Appends an entry together with a capability's own rows in one transaction (see <see cref="IAuditCompanion"/>).
    /// Never blocks: safe to call under a lock; records keep the order of the calls.
    /// </summary>
    public Task<long> AppendAsync(AuditEntry entry, IAuditCompanion? companion, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(entry, _time.GetUtcNow(), new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously))
        {
            Companion = companion,
        };
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(SqliteAuditTrail), "The audit trail is closed.");
        _work.Set();
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The writer beats <see cref="LoopHealth"/> after every group and at least every few seconds while idle.</summary>
    public const string LoopName = "audit-writer";
    static readonly TimeSpan IdleBeat = TimeSpan.FromSeconds(2);

    void WriteLoop()
    {
        using var connection = _database.Open();
        // SQLite's automatic checkpoint runs inside the commit that fills the WAL: an alarm's commit would copy the
        // WAL into the database file and fsync that as well. The writer leaves it to a checkpoint of its own, beside it.
        Database.Execute(connection, "PRAGMA wal_autocheckpoint=0");
        try
        {
            using var statements = new Statements(connection);
            var batch = new List<Pending>(MaxBatch);
            var groups = 0;
            while (WaitForWork())
            {
                Metrics.AlarmPathTrace.Mark(Metrics.AlarmPathTrace.Hop.WriterAwake);
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                WriteWithRetry(statements, batch);
                batch.Clear();
                if (++groups % CheckpointEvery == 0) CheckpointBeside();
                _health?.Beat(LoopName);
            }
        }
        finally
        {
            // The connection goes back to the pool: whoever uses it next checkpoints as usual.
            try { Database.Execute(connection, "PRAGMA wal_autocheckpoint=1000"); }
            catch (Exception e) { _log.LogWarning("Audit: could not restore automatic checkpoints ({Problem})", e.Message); }
        }
    }

    /// <summary>Groups between checkpoints: an alarm change is about ten pages, so the WAL stays under SQLite's 1000-page mark.</summary>
    const int CheckpointEvery = 32;
    Task _checkpoint = Task.CompletedTask;

    /// <summary>A passive checkpoint on a connection and thread of its own (it never blocks the writer); skipped while one runs.</summary>
    void CheckpointBeside()
    {
        if (!_checkpoint.IsCompleted) return;
        _checkpoint = Task.Factory.StartNew(() =>
        {
            try
            {
                using var connection = _database.Open();
                Database.Execute(connection, "PRAGMA wal_checkpoint(PASSIVE)");
            }
            catch (Exception e) { _log.LogWarning("Audit: checkpoint failed ({Problem}); the next one tries again", e.Message); }
        }, TaskCreationOptions.LongRunning);
    }

    /// <summary>
    /// The writer owns a dedicated thread so an fsync never holds a pool thread; it blocks here on purpose,
    /// waking at least every <see cref="IdleBeat"/> to show it is alive. False once the trail is closed and empty.
    /// </summary>
    bool WaitForWork()
    {
        while (true)
        {
            // Reset before looking: a Set after the look is for an entry the next look finds.
            _work.Reset();
            if (_queue.Reader.TryPeek(out _)) return true;
            if (_queue.Reader.Completion.IsCompleted) return false;
            if (!_work.Wait(IdleBeat)) _health?.Beat(LoopName);
        }
    }

    void WriteWithRetry(Statements statements, List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var last = Write(statements, batch);
                foreach (var observer in _appended.Now) observer.OnAppended(last);
                return;
            }
            catch (Exception ex) when (attempt < 5)
            {
                _log.LogWarning(ex, "Audit append failed (attempt {Attempt}); retrying", attempt);
                Thread.Sleep(100 * attempt);
            }
            catch (Exception ex)
            {
                // Callers must not report an action done when its record is not durable.
                _log.LogError(ex, "Audit append failed; {Count} records not written", batch.Count);
                foreach (var p in batch)
                {
                    try { p.Companion?.Failed(ex); }
                    catch (Exception e) { _log.LogError(e, "An audit companion failed on failure"); }
                    p.Done.TrySetException(ex);
                }
                return;
            }
        }
    }

    static long Write(Statements statements, List<Pending> batch)
    {
        var connection = statements.Connection;
        using var tx = connection.BeginTransaction(deferred: false);
        var (seq, previous) = statements.ReadHead(tx);
        Metrics.AlarmPathTrace.Mark(Metrics.AlarmPathTrace.Hop.Begun);
        var insert = statements.Insert;
        insert.Transaction = tx;
        var p = statements.InsertParameters;
        var hasher = new AuditHash.Hasher();
        var seqs = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i].Entry;
            seq++;
            var time = AuditHash.FormatTime(batch[i].Time);
            var details = AuditHash.SerializeDetails(entry.Details);
            var hash = hasher.Compute(previous, seq, time, entry, details);
            p["$seq"].Value = seq;
            p["$time"].Value = time;
            p["$kind"].Value = entry.Kind;
            p["$decision"].Value = (object?)entry.Refs.Decision ?? DBNull.Value;
            p["$resident"].Value = (object?)entry.Refs.Resident ?? DBNull.Value;
            p["$door"].Value = (object?)entry.Refs.Door ?? DBNull.Value;
            p["$room"].Value = (object?)entry.Refs.Room ?? DBNull.Value;
            p["$alarm"].Value = (object?)entry.Refs.Alarm ?? DBNull.Value;
            p["$session"].Value = (object?)entry.Refs.Session ?? DBNull.Value;
            p["$actor"].Value = entry.Actor;
            p["$details"].Value = (object?)details ?? DBNull.Value;
            p["$prev"].Value = previous;
            p["$hash"].Value = hash;
            insert.ExecuteNonQuery();
            batch[i].Companion?.Write(connection, tx);
            previous = hash;
            seqs[i] = seq;
        }
        statements.WriteHead(tx, seq, previous);
        Metrics.AlarmPathTrace.Mark(Metrics.AlarmPathTrace.Hop.Written);
        tx.Commit();
        Metrics.AlarmPathTrace.Mark(Metrics.AlarmPathTrace.Hop.Committed);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Companion?.Committed();
            batch[i].Done.TrySetResult(seqs[i]);
        }
        return seq;
    }

    /// <summary>
    /// The writer's statements, compiled once for its connection instead of once per group: on the alarm path every
    /// compile is time before the fsync.
    /// </summary>
    sealed class Statements : IDisposable
    {
        readonly SqliteCommand _readHead, _writeHead;
        readonly SqliteParameter _headSeq, _headHash;

        public Statements(SqliteConnection connection)
        {
            Connection = connection;
            _readHead = connection.CreateCommand();
            _readHead.CommandText = "SELECT seq, hash FROM audit_head WHERE id = 1";
            _writeHead = connection.CreateCommand();
            _writeHead.CommandText = "INSERT INTO audit_head(id, seq, hash) VALUES(1, $s, $h) ON CONFLICT(id) DO UPDATE SET seq = $s, hash = $h";
            _headSeq = _writeHead.Parameters.Add("$s", SqliteType.Integer);
            _headHash = _writeHead.Parameters.Add("$h", SqliteType.Blob);
            Insert = connection.CreateCommand();
            Insert.CommandText = """
                INSERT INTO audit(seq, time, kind, decision, resident, door, room, alarm, session, actor, details, prev_hash, hash)
                VALUES($seq, $time, $kind, $decision, $resident, $door, $room, $alarm, $session, $actor, $details, $prev, $hash)
                """;
            foreach (var name in new[] { "$seq", "$time", "$kind", "$decision", "$resident", "$door", "$room", "$alarm", "$session", "$actor", "$details", "$prev", "$hash" })
                InsertParameters[name] = Insert.Parameters.Add(name, SqliteType.Text);
            InsertParameters["$seq"].SqliteType = SqliteType.Integer;
            InsertParameters["$prev"].SqliteType = InsertParameters["$hash"].SqliteType = SqliteType.Blob;
        }

        public SqliteConnection Connection { get; }
        public SqliteCommand Insert { get; }
        public Dictionary<string, SqliteParameter> InsertParameters { get; } = new(StringComparer.Ordinal);

        public (long Seq, byte[] Hash) ReadHead(SqliteTransaction tx)
        {
            _readHead.Transaction = tx;
            using var reader = _readHead.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0, AuditHash.Genesis);
        }

        public void WriteHead(SqliteTransaction tx, long seq, byte[] hash)
        {
            _writeHead.Transaction = tx;
            _headSeq.Value = seq;
            _headHash.Value = hash;
            _writeHead.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _readHead.Dispose();
            _writeHead.Dispose();
            Insert.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _work.Set();
        await _writer.ConfigureAwait(false);
        await _checkpoint.ConfigureAwait(false);
    }

#pragma warning disable RS0030 // IDisposable for `using` in tests and benchmarks and a container disposed synchronously: waits for the writer to flush the last group.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
#pragma warning restore RS0030

    sealed record Pending(AuditEntry Entry, DateTimeOffset Time, TaskCompletionSource<long> Done)
    {
        public IAuditCompanion? Companion { get; init; }
    }
}
