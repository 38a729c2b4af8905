using System.Globalization;
using Microsoft.Data.Sqlite;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Storage;

/// <summary>Reads stored records in chain order.</summary>
public sealed class AuditReader(Database database)
{
    const string Columns = "seq, time, kind, decision, resident, door, room, alarm, session, actor, details, prev_hash, hash";

    /// <summary>Records with <paramref name="from"/> ≤ time &lt; <paramref name="to"/>.</summary>
    public IEnumerable<AuditRecord> Read(DateTimeOffset from, DateTimeOffset to) =>
        Query($"SELECT {Columns} FROM audit WHERE time >= $from AND time < $to ORDER BY seq",
            ("$from", AuditHash.FormatTime(from)), ("$to", AuditHash.FormatTime(to)));

    public IEnumerable<AuditRecord> ReadAfter(long seq, int limit) =>
        Query($"SELECT {Columns} FROM audit WHERE seq > $seq ORDER BY seq LIMIT $limit", ("$seq", seq), ("$limit", limit));

    public IEnumerable<AuditRecord> ReadLast(int count) =>
        Query($"SELECT * FROM (SELECT {Columns} FROM audit ORDER BY seq DESC LIMIT $n) ORDER BY seq", ("$n", count));

    /// <summary>Every record as stored, for verification: raw fields, nothing reinterpreted.</summary>
    internal IEnumerable<StoredRow> ReadAllRaw()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit ORDER BY seq";
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return ReadRow(reader);
    }

    internal (long Seq, byte[] Hash)? ReadHead()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, hash FROM audit_head WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader[1]) : null;
    }

    IEnumerable<AuditRecord> Query(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = ReadRow(reader);
            yield return new AuditRecord(row.Seq,
                DateTimeOffset.Parse(row.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                row.Entry with { Details = AuditHash.DeserializeDetails(row.Details) }, row.PreviousHash, row.Hash);
        }
    }

    static StoredRow ReadRow(SqliteDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var entry = new AuditEntry(r.GetString(2), r.GetString(9))
        {
            Refs = new AuditRefs(S(3), S(4), S(5), S(6), S(7), S(8)),
        };
        return new StoredRow(r.GetInt64(0), r.GetString(1), entry, S(10), (byte[])r[11], (byte[])r[12]);
    }

    internal sealed record StoredRow(long Seq, string Time, AuditEntry Entry, string? Details, byte[] PreviousHash, byte[] Hash);
}
