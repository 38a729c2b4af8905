using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// One audit record as published on <c>P/audit</c>; the hash lets the collector check the chain. Free text stays on
/// the device (CONTRACT § 4 says <c>P/audit</c> carries none): a staff member's check-in reason is shipped as
/// <c>reasonSha256</c>, the SHA-256 of its UTF-8 text, which matches the full record in <c>audit export</c>.
/// </summary>
public static class AuditPayload
{
    public const string Suffix = "audit";

    /// <summary>Per record kind, the details written by people rather than by the gateway.</summary>
    static readonly Dictionary<string, string[]> FreeText = new(StringComparer.Ordinal)
    {
        ["checkin-requested"] = ["reason"],
    };

    public static byte[] Serialize(AuditRecord record)
    {
        return JsonSerializer.SerializeToUtf8Bytes(AuditJson.Payload(WithoutFreeText(record)), Wire.WireJson.Compact.AuditRecordPayload);
    }

    public static AuditRecord WithoutFreeText(AuditRecord record)
    {
        if (record.Entry.Details is not { } details || !FreeText.TryGetValue(record.Entry.Kind, out var keys)
            || !keys.Any(details.ContainsKey))
            return record;
        var shaped = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in details)
        {
            if (keys.Contains(key)) shaped[key + "Sha256"] = value is null ? null : Sha256(value);
            else shaped[key] = value;
        }
        return record with { Entry = record.Entry with { Details = shaped } };
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
