using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Frikommune.Edge.Audit;

/// <summary>
/// The chain: each record's hash is SHA-256 over the previous record's hash and the record's own
/// fields in a fixed JSON array form, so a changed, removed or reordered record breaks every link after it.
/// </summary>
public static class AuditHash
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Compute(ReadOnlySpan<byte> previousHash, long seq, string time, AuditEntry entry, string? details) =>
        new Hasher().Compute(previousHash, seq, time, entry, details);

    /// <summary>Reuses its buffers: verifying a million records should not allocate a million writers.</summary>
    public sealed class Hasher
    {
        readonly ArrayBufferWriter<byte> _buffer = new(512);
        readonly Utf8JsonWriter _json;
        readonly byte[] _hash = new byte[32];

        public Hasher() => _json = new Utf8JsonWriter(_buffer);

        public byte[] Compute(ReadOnlySpan<byte> previousHash, long seq, string time, AuditEntry entry, string? details)
        {
            ComputeInto(previousHash, seq, time, entry, details);
            return _hash.ToArray();
        }

        /// <summary>The hash in a buffer owned by this hasher, valid until the next call.</summary>
        public ReadOnlySpan<byte> ComputeInto(ReadOnlySpan<byte> previousHash, long seq, string time, AuditEntry entry, string? details)
        {
            _buffer.ResetWrittenCount();
            _buffer.Write(previousHash);
            _json.Reset(_buffer);
            var json = _json;
            json.WriteStartArray();
            json.WriteNumberValue(seq);
            json.WriteStringValue(time);
            json.WriteStringValue(entry.Kind);
            WriteNullable(json, entry.Refs.Decision);
            WriteNullable(json, entry.Refs.Resident);
            WriteNullable(json, entry.Refs.Door);
            WriteNullable(json, entry.Refs.Room);
            WriteNullable(json, entry.Refs.Alarm);
            WriteNullable(json, entry.Refs.Session);
            json.WriteStringValue(entry.Actor);
            WriteNullable(json, details);
            json.WriteEndArray();
            json.Flush();
            SHA256.HashData(_buffer.WrittenSpan, _hash);
            return _hash;
        }
    }

    static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null) json.WriteNullValue();
        else json.WriteStringValue(value);
    }

    public static string? SerializeDetails(IReadOnlyDictionary<string, string?>? details) =>
        details is null || details.Count == 0 ? null : JsonSerializer.Serialize(details);

    public static IReadOnlyDictionary<string, string?>? DeserializeDetails(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(json);

    /// <summary>Times are stored as fixed-width ISO 8601 UTC, so text order is time order.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
