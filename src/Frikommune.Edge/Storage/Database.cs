using Microsoft.Data.Sqlite;

namespace Frikommune.Edge.Storage;

/// <summary>
/// The gateway's SQLite file. WAL lets the running gateway and a CLI command use it at once;
/// synchronous=FULL makes a commit survive a power cut before the caller hears it is done.
/// </summary>
public sealed class Database
{
    readonly string _connectionString;

    public Database(string file)
    {
        File = file;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string File { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Brings every capability's tables up to date. Safe to run from several processes at once.</summary>
    public void Migrate(IEnumerable<ISchema> schemas)
    {
        using var connection = Open();
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (name TEXT PRIMARY KEY, version INTEGER NOT NULL)");
        foreach (var schema in schemas)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            var current = CurrentVersion(connection, tx, schema.Name);
            for (var step = (int)current; step < schema.Migrations.Count; step++)
                Execute(connection, schema.Migrations[step], tx);
            if (current < schema.Migrations.Count)
            {
                using var set = connection.CreateCommand();
                set.Transaction = tx;
                set.CommandText = "INSERT INTO schema_version(name, version) VALUES($n, $v) ON CONFLICT(name) DO UPDATE SET version = $v";
                set.Parameters.AddWithValue("$n", schema.Name);
                set.Parameters.AddWithValue("$v", schema.Migrations.Count);
                set.ExecuteNonQuery();
            }
            else if (current > schema.Migrations.Count)
                throw new InvalidOperationException($"Storage: the '{schema.Name}' tables are version {current}, newer than this program ({schema.Migrations.Count}); upgrade the program.");
            tx.Commit();
        }
    }

    static long CurrentVersion(SqliteConnection connection, SqliteTransaction tx, string name)
    {
        using var get = connection.CreateCommand();
        get.Transaction = tx;
        get.CommandText = "SELECT version FROM schema_version WHERE name = $n";
        get.Parameters.AddWithValue("$n", name);
        return get.ExecuteScalar() is long v ? v : 0;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
