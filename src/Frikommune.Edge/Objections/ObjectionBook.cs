using Frikommune.Edge.Observing;
using System.Collections.Concurrent;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Objections;

/// <summary>What recording a statement changed.</summary>
public enum ObjectionOutcome
{
    Recorded,
    Withdrawn,
    /// <summary>The resident's state was already so; nothing stored, but the repeated statement is audited.</summary>
    Unchanged,
}

/// <summary>
/// The residents who object (indsigelse) to their measures. An objection suspends every video, audio, motion and
/// sleep measure for that resident until it is withdrawn (LEGAL rule 1); the measure gate asks
/// <see cref="HasObjection"/>. Kept in SQLite and loaded at start, so an objection survives a restart.
/// </summary>
public sealed class ObjectionBook
{
    readonly IObjectionStore _store;
    readonly Lock _stating = new();
    readonly Dictionary<string, bool> _stated = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, byte> _objecting;
    readonly Func<string, IReadOnlyDictionary<string, string?>>? _reach;

    ObjectionBook(IObjectionStore store, IEnumerable<string> objecting, Func<string, IReadOnlyDictionary<string, string?>>? reach)
    {
        _store = store;
        _reach = reach;
        _objecting = new(objecting.Select(r => KeyValuePair.Create(r, (byte)0)), StringComparer.Ordinal);
        foreach (var resident in _objecting.Keys) _stated[resident] = true;
    }

    readonly Observers<IObjectionObserver> _observers = new();

    /// <summary>Tells <paramref name="observer"/> the resident reference after an objection is recorded or withdrawn.</summary>
    public IDisposable Subscribe(IObjectionObserver observer) => _observers.Add(observer);

    /// <param name="reach">resident → what the statement does to that resident's decisions, recorded with it (which are suspended, which continue).</param>
    public static ObjectionBook Load(IObjectionStore store, Func<string, IReadOnlyDictionary<string, string?>>? reach = null) =>
        new(store, store.Objecting(), reach);

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
        bool changed;
        lock (_stating)
        {
            // Every statement is audited, also one that repeats the current state: the resident objected again.
            changed = _stated.GetValueOrDefault(resident) != objects;
            _stated[resident] = objects;
            var details = new Dictionary<string, string?>(_reach?.Invoke(resident) ?? new Dictionary<string, string?>()) { ["changed"] = changed ? "true" : "false" };
            var entry = new AuditEntry(objects ? ObjectionAuditKinds.Recorded : ObjectionAuditKinds.Withdrawn, $"staff:{staff}")
            {
                Refs = new AuditRefs(Resident: resident),
                Details = details,
            };
            // Queued under the lock so statements about one resident are stored in the order they were made.
            durable = _store.RecordAsync(entry, changed ? new ObjectionStatement(resident, objects, staff, at) : null);
        }
        if (!changed)
        {
            await durable.ConfigureAwait(false);
            return ObjectionOutcome.Unchanged;
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
        foreach (var observer in _observers.Now) observer.OnObjectionChanged(resident);
    }
}

/// <summary>Told when a resident's objection (modsætter sig) is recorded or withdrawn.</summary>
public interface IObjectionObserver
{
    void OnObjectionChanged(string resident);
}
