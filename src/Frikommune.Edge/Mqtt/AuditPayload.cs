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
        using (var json = new Utf8JsonWriter(buffer))
        {
            var e = record.Entry;
            json.WriteStartObject();
            json.WriteNumber("seq", record.Seq);
            json.WriteString("time", AuditExport.Iso(record.Time));
            json.WriteString("kind", e.Kind);
            json.WriteStartObject("refs");
            Optional(json, "decision", e.Refs.Decision);
            Optional(json, "resident", e.Refs.Resident);
            Optional(json, "door", e.Refs.Door);
            Optional(json, "room", e.Refs.Room);
            Optional(json, "alarm", e.Refs.Alarm);
            Optional(json, "session", e.Refs.Session);
            json.WriteEndObject();
            json.WriteString("actor", e.Actor);
            json.WriteStartObject("details");
            foreach (var (k, v) in e.Details ?? new Dictionary<string, string?>()) json.WriteString(k, v);
            json.WriteEndObject();
            json.WriteString("hash", Convert.ToHexStringLower(record.Hash));
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }
}
