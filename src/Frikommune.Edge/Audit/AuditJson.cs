using Frikommune.Edge.Clock;
using System.Text.Json;

namespace Frikommune.Edge.Audit;

/// <summary>One audit record as JSON, the same for <c>audit export --format json</c> and <c>P/audit</c>.</summary>
public static class AuditJson
{
    public static void Write(Utf8JsonWriter json, AuditRecord record)
    {
        var e = record.Entry;
        json.WriteStartObject();
        json.WriteNumber("seq", record.Seq);
        json.WriteString("time", IsoTime.Format(record.Time));
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

    static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }
}
