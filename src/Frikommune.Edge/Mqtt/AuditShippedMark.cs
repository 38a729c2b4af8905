using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Mqtt;

/// <summary>The last audit seq the broker acknowledged on <c>P/audit</c>.</summary>
public sealed class AuditShippedMark(Database database)
{
    public long Read()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM mqtt_audit_shipped WHERE id = 1";
        return command.ExecuteScalar() is long seq ? seq : 0;
    }

    /// <summary>
    /// Without an fsync of its own (synchronous=NORMAL): a mark lost in a power cut only ships those records once more,
    /// which at-least-once allows, and an fsync per shipped batch would queue on the disk beside the next alarm's commit.
    /// </summary>
    public void Save(long seq)
    {
        using var connection = database.Open();
        Database.Execute(connection, "PRAGMA synchronous=NORMAL");
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO mqtt_audit_shipped(id, seq) VALUES(1, $s) ON CONFLICT(id) DO UPDATE SET seq = $s";
        command.Parameters.AddWithValue("$s", seq);
        command.ExecuteNonQuery();
    }
}
