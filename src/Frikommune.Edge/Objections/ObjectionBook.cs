using System.Collections.Concurrent;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Storage;

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
    readonly Database _database;
    readonly IAuditTrail _audit;
    readonly Lock _writing = new();
    readonly ConcurrentDictionary<string, byte> _objecting;
    readonly Func<string, IReadOnlyDictionary<string, string?>>? _reach;

    ObjectionBook(Database database, IAuditTrail audit, IEnumerable<string> objecting, Func<string, IReadOnlyDictionary<string, string?>>? reach)
    {
        _database = database;
        _audit = audit;
        _reach = reach;
        _objecting = new(objecting.Select(r => KeyValuePair.Create(r, (byte)0)), StringComparer.Ordinal);
    }

    /// <summary>Raised with the resident reference after an objection is recorded or withdrawn.</summary>
    public event Action<string>? Changed;

    /// <param name="reach">resident → what the statement does to that resident's decisions, recorded with it (which are suspended, which continue).</param>
    public static ObjectionBook Load(Database database, IAuditTrail audit, Func<string, IReadOnlyDictionary<string, string?>>? reach = null) =>
        new(database, audit, ObjectionRows.Objecting(database), reach);

    public bool HasObjection(string resident) => _objecting.ContainsKey(resident);

    public IReadOnlyCollection<string> Objecting => _objecting.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Stores the statement durably, then applies and audits it. An objection takes effect before its audit record
    /// is written and stays in effect if that write fails (rule 5: fail toward the resident's rights); a withdrawal
    /// takes effect only once it is recorded.
    /// </summary>
    public ObjectionOutcome Record(string resident, bool objects, string staff, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(resident)) throw new ArgumentException("A resident reference is required.", nameof(resident));
        if (string.IsNullOrWhiteSpace(staff)) throw new ArgumentException("A staff id is required.", nameof(staff));
        lock (_writing)
        {
            // Every statement is recorded, also one that repeats the current state: the resident objected again.
            var changed = HasObjection(resident) != objects;
            if (changed) ObjectionRows.Save(_database, resident, objects, staff, at);
            if (changed && objects) Apply(resident, objects);
            var details = new Dictionary<string, string?>(_reach?.Invoke(resident) ?? new Dictionary<string, string?>()) { ["changed"] = changed ? "true" : "false" };
            _audit.AppendAsync(new AuditEntry(objects ? ObjectionAuditKinds.Recorded : ObjectionAuditKinds.Withdrawn, $"staff:{staff}")
            {
                Refs = new AuditRefs(Resident: resident),
                Details = details,
            }).GetAwaiter().GetResult();
            if (!changed) return ObjectionOutcome.Unchanged;
            if (!objects) Apply(resident, objects);
            return objects ? ObjectionOutcome.Recorded : ObjectionOutcome.Withdrawn;
        }
    }

    void Apply(string resident, bool objects)
    {
        if (objects) _objecting[resident] = 0;
        else _objecting.TryRemove(resident, out _);
        Changed?.Invoke(resident);
    }
}
