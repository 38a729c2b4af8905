
using Frikommune.Edge.Objections;

namespace Frikommune.Edge.Storage;

/// <summary>The objections table; a statement is written in the audit writer's transaction, with its audit record.</summary>
static class ObjectionRows
{
    public static IReadOnlyList<string> Objecting(Database database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT resident FROM objections WHERE objects = 1";
        using var r = command.ExecuteReader();
        var residents = new List<string>();
        while (r.Read()) residents.Add(r.GetString(0));
        return residents;
    }

    public static void Save(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction tx,
        string resident, bool objects, string staff, DateTimeOffset at)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO objections(resident, objects, staff, recorded_at) VALUES($r, $o, $s, $t)
            ON CONFLICT(resident) DO UPDATE SET objects = $o, staff = $s, recorded_at = $t
            """;
        command.Parameters.AddWithValue("$r", resident);
        command.Parameters.AddWithValue("$o", objects ? 1 : 0);
        command.Parameters.AddWithValue("$s", staff);
        command.Parameters.AddWithValue("$t", at.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }
}
