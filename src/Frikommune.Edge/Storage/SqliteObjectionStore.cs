using Frikommune.Edge.Audit;
using Frikommune.Edge.Objections;
using Microsoft.Data.Sqlite;

namespace Frikommune.Edge.Storage;

/// <summary>The objections table, written in the audit writer's transaction with the statement's audit record.</summary>
public sealed class SqliteObjectionStore(Database database, SqliteAuditTrail audit) : IObjectionStore
{
    public IReadOnlyList<string> Objecting() => ObjectionRows.Objecting(database);

    public Task<long> RecordAsync(AuditEntry entry, ObjectionStatement? statement) =>
        statement is null ? audit.AppendAsync(entry) : audit.AppendAsync(entry, new Row(statement));

    sealed class Row(ObjectionStatement s) : IAuditCompanion
    {
        public void Write(SqliteConnection connection, SqliteTransaction transaction) =>
            ObjectionRows.Save(connection, transaction, s.Resident, s.Objects, s.Staff, s.At);

        public void Committed() { }

        public void Failed(Exception error) { }
    }
}
