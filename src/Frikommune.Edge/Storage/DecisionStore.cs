using Microsoft.Data.Sqlite;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Storage;

/// <summary>
/// The SQLite cache of accepted tokens. Only verified tokens come in. One id names one token: the identical token
/// again changes nothing, a different token with a cached id is a <see cref="StoreOutcome.Duplicate"/>.
/// </summary>
public sealed class DecisionStore(Database database) : IDecisionStore
{
    public Database Database { get; } = database;

    public StoreOutcome Add(VerifiedToken verified, DateTimeOffset at, string source)
    {
        using var connection = Database.Open();
        // Immediate: the id check and the insert must not interleave with another process importing the same id.
        using var tx = connection.BeginTransaction(deferred: false);
        var cached = Scalar(connection, tx,
            "SELECT token FROM decisions WHERE jti = $id UNION ALL SELECT token FROM revocations WHERE jti = $id", ("$id", verified.Id));
        if (cached is string token)
            return token == verified.Token ? StoreOutcome.Unchanged : StoreOutcome.Duplicate;
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        Bind(insert, ("$id", verified.Id), ("$token", verified.Token), ("$at", at.ToUnixTimeSeconds()), ("$source", References.Scrub(source)));
        if (verified.Decision is { } d)
        {
            insert.CommandText = """
                INSERT INTO decisions(jti, token, kid, sub, basis, measures, rooms, doors, nbf, exp, imported_at, source)
                VALUES($id, $token, $kid, $sub, $basis, $measures, $rooms, $doors, $nbf, $exp, $at, $source)
                """;
            Bind(insert, ("$kid", d.KeyId), ("$sub", d.Subject), ("$basis", d.Basis), ("$measures", string.Join(',', d.Measures)),
                ("$rooms", string.Join(',', d.Rooms)), ("$doors", string.Join(',', d.Doors)),
                ("$nbf", d.NotBefore.ToUnixTimeSeconds()), ("$exp", d.Expires.ToUnixTimeSeconds()));
        }
        else
        {
            var r = verified.Revocation!;
            insert.CommandText = """
                INSERT INTO revocations(jti, token, kid, revokes, iat, imported_at, source)
                VALUES($id, $token, $kid, $revokes, $iat, $at, $source)
                """;
            Bind(insert, ("$kid", r.KeyId), ("$revokes", r.Revokes), ("$iat", r.IssuedAt.ToUnixTimeSeconds()));
        }
        insert.ExecuteNonQuery();
        tx.Commit();
        return StoreOutcome.Added;
    }

    public IReadOnlyList<CachedToken> LoadAll()
    {
        using var connection = Database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT jti, token, NULL FROM decisions UNION ALL SELECT jti, token, revokes FROM revocations";
        using var reader = select.ExecuteReader();
        var tokens = new List<CachedToken>();
        while (reader.Read()) tokens.Add(new CachedToken(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return tokens;
    }

    /// <summary>Records that a decision's expiry was audited; true only the first time, so each expiry is audited once.</summary>
    public bool MarkExpiryAudited(string id, DateTimeOffset at)
    {
        using var connection = Database.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE decisions SET expiry_audited_at = $at WHERE jti = $id AND expiry_audited_at IS NULL";
        Bind(update, ("$id", id), ("$at", at.ToUnixTimeSeconds()));
        return update.ExecuteNonQuery() == 1;
    }

    public IReadOnlySet<string> ExpiryAudited()
    {
        using var connection = Database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT jti FROM decisions WHERE expiry_audited_at IS NOT NULL";
        using var reader = select.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Drops every cached token signed with <paramref name="kid"/>; used to replace the demo decisions of an earlier run.</summary>
    public int ForgetSignedBy(string kid)
    {
        using var connection = Database.Open();
        using var tx = connection.BeginTransaction(deferred: false);
        using var delete = connection.CreateCommand();
        delete.Transaction = tx;
        delete.CommandText = "DELETE FROM decisions WHERE kid = $kid; DELETE FROM revocations WHERE kid = $kid";
        Bind(delete, ("$kid", kid));
        var removed = delete.ExecuteNonQuery();
        tx.Commit();
        return removed;
    }

    static object? Scalar(SqliteConnection connection, SqliteTransaction tx, string sql, params (string, object)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        Bind(command, parameters);
        return command.ExecuteScalar();
    }

    static void Bind(SqliteCommand command, params (string Name, object Value)[] parameters)
    {
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
    }

    public string Fingerprint()
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) || ':' || ifnull(max(imported_at), 0) FROM decisions) || '/' ||
                   (SELECT count(*) || ':' || ifnull(max(imported_at), 0) FROM revocations)
            """;
        return (string)command.ExecuteScalar()!;
    }
}
