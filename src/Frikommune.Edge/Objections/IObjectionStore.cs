using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Objections;

/// <summary>A resident's statement that they object (or no longer object) to their measures.</summary>
public sealed record ObjectionStatement(string Resident, bool Objects, string Staff, DateTimeOffset At);

/// <summary>Where objections survive a restart, written together with their audit record.</summary>
public interface IObjectionStore
{
    /// <summary>The residents whose latest statement is an objection.</summary>
    IReadOnlyList<string> Objecting();

    /// <summary>
    /// Makes <paramref name="entry"/> durable and, when given, the <paramref name="statement"/> with it in the same
    /// transaction: both or neither. Returns the audit record's sequence number.
    /// </summary>
    Task<long> RecordAsync(AuditEntry entry, ObjectionStatement? statement);
}
