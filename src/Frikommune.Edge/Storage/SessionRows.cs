using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Frikommune.Edge.Users;

namespace Frikommune.Edge.Storage;

/// <summary>One login session as stored: whose it is, when it began, when it was last used.</summary>
public sealed record SessionRow(string User, byte[] Ticket, DateTimeOffset Created, DateTimeOffset LastSeen, string? CurrentRole);

/// <summary>
/// The server-side half of a login session, in the <c>sessions</c> table (migration 2 of <see cref="UsersSchema"/>).
/// The table holds a SHA-256 of the session id, never the id itself, so a copy of the database opens no session.
/// <see cref="EndAllOf"/> runs in the same transaction as a change to the user, so the change and the end of the
/// user's sessions are one step, also when <c>users add</c> or <c>users remove</c> runs in another process.
/// </summary>
public sealed class SessionRows(Database database)
{
    public const string Migration = """
        CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, user TEXT NOT NULL, ticket BLOB NOT NULL,
                               created INTEGER NOT NULL, last_seen INTEGER NOT NULL);
        CREATE INDEX sessions_user ON sessions(user);
        """;

    public static void EndAllOf(SqliteConnection connection, SqliteTransaction tx, string user)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "DELETE FROM sessions WHERE user = $u";
        command.Parameters.AddWithValue("$u", user);
        command.ExecuteNonQuery();
    }

    public void Insert(string id, string user, byte[] ticket, DateTimeOffset now) =>
        Run("INSERT INTO sessions(id_hash, user, ticket, created, last_seen) VALUES($h, $u, $t, $n, $n)",
            ("$h", Hash(id)), ("$u", user), ("$t", ticket), ("$n", now.ToUnixTimeMilliseconds()));

    public void Replace(string id, byte[] ticket) => Run("UPDATE sessions SET ticket = $t WHERE id_hash = $h", ("$h", Hash(id)), ("$t", ticket));

    public void Touch(string id, DateTimeOffset now) =>
        Run("UPDATE sessions SET last_seen = $n WHERE id_hash = $h", ("$h", Hash(id)), ("$n", now.ToUnixTimeMilliseconds()));

    public void Delete(string id) => Run("DELETE FROM sessions WHERE id_hash = $h", ("$h", Hash(id)));

    /// <summary>Drops sessions idle since <paramref name="idleBefore"/> or begun before <paramref name="createdBefore"/>.</summary>
    public void DeleteExpired(DateTimeOffset idleBefore, DateTimeOffset createdBefore) =>
        Run("DELETE FROM sessions WHERE last_seen < $i OR created < $c",
            ("$i", idleBefore.ToUnixTimeMilliseconds()), ("$c", createdBefore.ToUnixTimeMilliseconds()));

    public SessionRow? Find(string id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.user, s.ticket, s.created, s.last_seen, u.role FROM sessions s LEFT JOIN users u ON u.name = s.user
            WHERE s.id_hash = $h
            """;
        command.Parameters.AddWithValue("$h", Hash(id));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new SessionRow(reader.GetString(0), (byte[])reader.GetValue(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    public int CountOf(string user)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sessions WHERE user = $u";
        command.Parameters.AddWithValue("$u", user);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    void Run(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
}
