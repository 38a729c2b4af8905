using System.Buffers;
using System.Text.Json;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Mqtt;

/// <summary>One audit record as published on <c>P/audit</c>; the hash lets the collector check the chain.</summary>
public static class AuditPayload
{
    public const string Suffix = "audit";

    public static byte[] Serialize(AuditRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer)) AuditJson.Write(json, record);
        return buffer.WrittenSpan.ToArray();
    }
}
