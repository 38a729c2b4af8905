using Microsoft.Data.Sqlite;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Storage;

/// <summary>
/// Rows a capability stores in the same transaction as its audit record, so the change and its record become
/// durable together: one commit, one fsync, shared with every other record waiting at that moment (group commit).
/// </summary>
public interface IAuditCompanion
{
    /// <summary>Runs inside the audit writer's transaction. Throwing rolls back the whole group, which is retried.</summary>
    void Write(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>After the commit, on the writer's thread, in commit order. Keep it short: the next group waits for it.</summary>
    void Committed();

    /// <summary>The group could not be stored after its retries.</summary>
    void Failed(Exception error);
}
