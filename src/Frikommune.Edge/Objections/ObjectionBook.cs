using System.Collections.Concurrent;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Storage;
using Microsoft.Data.Sqlite;

namespace Frikommune.Edge.Objections;

/// <summary>What recording a statement changed.</summary>
public enum ObjectionOutcome
{
    Recorded,
    Withdrawn,
    /// <summary>The resident's state was already so; nothing stored, nothing audited.</summary>
    Unchanged,
}

/// <summary>
/// The residents who object (indsigelse) to their measures. An objection suspends every video, audio, motion and
/// sleep measure for that resident until it is withdrawn (LEGAL rule 1); the measure gate asks
/// <see cref="HasObjection"/>. Kept in SQLite and loaded at start, so an objection survives a restart.
/// </summary>
public sealed class ObjectionBook
{
    readonly SqliteAuditTrail _audit;
    readonly Lock _stating = new();
    readonly Dictionary<string, bool> _stated = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, byte> _objecting;

    ObjectionBook(SqliteAuditTrail audit, IEnumerable<string> objecting)
    {
        _audit = audit;
        _objecting = new(objecting.Select(r => KeyValuePair.Create(r, (byte)0)), StringComparer.Ordinal);
        foreach (var resident in _objecting.Keys) _stated[resident] = true;
    }

    /// <summary>Raised with the resident reference after an objection is recorded or withdrawn.</summary>
    public event Action<string>? Changed;

    public static ObjectionBook Load(Database database, SqliteAuditTrail audit) =>
        new(audit, ObjectionRows.Objecting(database));

    public bool HasObjection(string resident) => _objecting.ContainsKey(resident);

    public IReadOnlyCollection<string> Objecting => _objecting.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Stores the statement and its audit record in one transaction. An objection takes effect at once and stays in
    /// effect if that write fails (rule 5: fail toward the resident's rights); a withdrawal takes effect only once it
    /// is durable, and only if no newer statement came meanwhile. No lock is held while the write is awaited.
    /// </summary>
    public async Task<ObjectionOutcome> RecordAsync(string resident, bool objects, string staff, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(resident)) throw new ArgumentException("A resident reference is required.", nameof(resident));
        if (string.IsNullOrWhiteSpace(staff)) throw new ArgumentException("A staff id is required.", nameof(staff));
        Task<long> durable;
        lock (_stating)
        {
            if (_stated.GetValueOrDefault(resident) == objects) return ObjectionOutcome.Unchanged;
            _stated[resident] = objects;
            // Queued under the lock so statements about one resident are stored in the order they were made.
            durable = _audit.AppendAsync(new AuditEntry(objects ? "objection-recorded" : "objection-withdrawn", $"staff:{staff}")
            {
                Refs = new AuditRefs(Resident: resident),
            }, new Row(resident, objects, staff, at));
        }
        if (objects) Apply(resident, objects);
        try { await durable.ConfigureAwait(false); }
        catch (Exception) when (!objects)
        {
            lock (_stating) if (_stated.GetValueOrDefault(resident) == objects) _stated[resident] = true;
            throw;
        }
        if (!objects && Latest(resident) == objects) Apply(resident, objects);
        return objects ? ObjectionOutcome.Recorded : ObjectionOutcome.Withdrawn;
    }

    bool Latest(string resident)
    {
        lock (_stating) return _stated.GetValueOrDefault(resident);
    }

    void Apply(string resident, bool objects)
    {
        if (objects) _objecting[resident] = 0;
        else _objecting.TryRemove(resident, out _);
        Changed?.Invoke(resident);
    }

    sealed class Row(string resident, bool objects, string staff, DateTimeOffset at) : IAuditCompanion
    {
        public void Write(SqliteConnection connection, SqliteTransaction transaction) =>
            ObjectionRows.Save(connection, transaction, resident, objects, staff, at);

        public void Committed() { }

        public void Failed(Exception error) { }
    }
}
