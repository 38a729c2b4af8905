using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Frikommune.Edge.Audit;

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
    readonly Task _writer;

    public SqliteAuditTrail(Database database, TimeProvider time, ILogger<SqliteAuditTrail>? log = null)
    {
        _database = database;
        _time = time;
        _log = log ?? NullLogger<SqliteAuditTrail>.Instance;
        _writer = Task.Factory.StartNew(WriteLoop, TaskCreationOptions.LongRunning);
    }

    /// <summary>Raised after records are durable, in order; the MQTT shipper listens to it.</summary>
    public event Action<long>? Appended;

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
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Beats after every group and at least every few seconds while idle (see <see cref="Health.LoopHealth"/>).</summary>
    public event Action? Beat;

    public const string LoopName = "audit-writer";
    static readonly TimeSpan IdleBeat = TimeSpan.FromSeconds(2);

    void WriteLoop()
    {
        using var connection = _database.Open();
        var batch = new List<Pending>(MaxBatch);
        while (WaitForWork())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            WriteWithRetry(connection, batch);
            batch.Clear();
            Beat?.Invoke();
        }
    }

    /// <summary>
    /// The writer owns a dedicated thread so an fsync never holds a pool thread; it blocks here on purpose,
    /// waking at least every <see cref="IdleBeat"/> to show it is alive.
    /// </summary>
    bool WaitForWork()
    {
        // One wait at a time: a timed-out wait is kept, not abandoned, so idle beats leave no waiters behind.
        var wait = _queue.Reader.WaitToReadAsync().AsTask();
#pragma warning disable RS0030 // Dedicated writer thread (LongRunning): blocking it is the point; no pool thread waits.
        while (!wait.Wait(IdleBeat)) Beat?.Invoke();
        return wait.GetAwaiter().GetResult();
#pragma warning restore RS0030
    }

    void WriteWithRetry(SqliteConnection connection, List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var last = Write(connection, batch);
                Appended?.Invoke(last);
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

    static long Write(SqliteConnection connection, List<Pending> batch)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        var (seq, previous) = ReadHead(connection, tx);
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO audit(seq, time, kind, decision, resident, door, room, alarm, session, actor, details, prev_hash, hash)
            VALUES($seq, $time, $kind, $decision, $resident, $door, $room, $alarm, $session, $actor, $details, $prev, $hash)
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$seq", "$time", "$kind", "$decision", "$resident", "$door", "$room", "$alarm", "$session", "$actor", "$details", "$prev", "$hash" })
            p[name] = insert.Parameters.Add(name, SqliteType.Text);
        p["$seq"].SqliteType = SqliteType.Integer;
        p["$prev"].SqliteType = p["$hash"].SqliteType = SqliteType.Blob;
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
        using (var head = connection.CreateCommand())
        {
            head.Transaction = tx;
            head.CommandText = "INSERT INTO audit_head(id, seq, hash) VALUES(1, $s, $h) ON CONFLICT(id) DO UPDATE SET seq = $s, hash = $h";
            head.Parameters.AddWithValue("$s", seq);
            head.Parameters.AddWithValue("$h", previous);
            head.ExecuteNonQuery();
        }
        tx.Commit();
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Companion?.Committed();
            batch[i].Done.TrySetResult(seqs[i]);
        }
        return seq;
    }

    static (long Seq, byte[] Hash) ReadHead(SqliteConnection connection, SqliteTransaction tx)
    {
        using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT seq, hash FROM audit_head WHERE id = 1";
        using var reader = read.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : (0, AuditHash.Genesis);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

#pragma warning disable RS0030 // IDisposable for `using` in CLI commands: waits for the writer to flush the last group.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
#pragma warning restore RS0030

    sealed record Pending(AuditEntry Entry, DateTimeOffset Time, TaskCompletionSource<long> Done)
    {
        public IAuditCompanion? Companion { get; init; }
    }
}
