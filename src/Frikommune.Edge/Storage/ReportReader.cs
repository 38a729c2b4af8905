using System.Globalization;
using System.Text.Json;
using Frikommune.Edge.Audit.Report;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Storage;

/// <summary>
/// Reads just what a report counts from the audit table: the kinds <see cref="ReportBuilder"/> uses, the columns it
/// needs, times parsed in their fixed stored form. A month of a busy site is ~200,000 records; this keeps the report
/// well inside its 2 s budget on the device. Reading only: the trail is written by <see cref="SqliteAuditTrail"/> alone.
/// </summary>
public sealed class ReportReader(Database database)
{
    const string Columns = "seq, time, kind, decision, resident, door, room, actor, details";
    const string StoredTime = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"; // AuditHash.FormatTime

    public IEnumerable<AuditRecord> Read(IReadOnlyCollection<string> kinds, DateTimeOffset? from, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var names = kinds.Select((_, i) => "$k" + i).ToArray();
        command.CommandText = $"SELECT {Columns} FROM audit WHERE time < $to {(from is null ? "" : "AND time >= $from")} " +
                              $"AND kind IN ({string.Join(',', names)}) ORDER BY seq";
        command.Parameters.AddWithValue("$to", AuditHash.FormatTime(to));
        if (from is { } f) command.Parameters.AddWithValue("$from", AuditHash.FormatTime(f));
        var k = 0;
        foreach (var kind in kinds) command.Parameters.AddWithValue(names[k++], kind);
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            var time = Time(r.GetString(1));
            var entry = new AuditEntry(r.GetString(2), r.GetString(7))
            {
                Refs = new AuditRefs(Decision: S(3), Resident: S(4), Door: S(5), Room: S(6)),
                Details = r.IsDBNull(8) ? null : Details(r.GetFieldValue<byte[]>(8)),
            };
            yield return new AuditRecord(r.GetInt64(0), new DateTimeOffset(time, TimeSpan.Zero), entry, [], []);
        }
    }

    /// <summary>The stored form <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> read digit by digit; anything else through the general parser.</summary>
    static DateTime Time(string s)
    {
        if (s.Length == 28 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' && s[27] == 'Z')
        {
            int N(int at, int digits)
            {
                var n = 0;
                for (var i = at; i < at + digits; i++) n = n * 10 + (s[i] - '0');
                return n;
            }
            return new DateTime(N(0, 4), N(5, 2), N(8, 2), N(11, 2), N(14, 2), N(17, 2), DateTimeKind.Utc).AddTicks(N(20, 7));
        }
        return DateTime.ParseExact(s, StoredTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    static Dictionary<string, string?> Details(byte[] utf8)
    {
        var details = new Dictionary<string, string?>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8);
        string? name = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName) name = reader.GetString();
            else if (name is not null && reader.TokenType is JsonTokenType.String or JsonTokenType.Null)
            {
                details[name] = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                name = null;
            }
        }
        return details;
    }
}
