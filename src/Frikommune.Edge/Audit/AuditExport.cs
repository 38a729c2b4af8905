using System.Globalization;
using System.Text.Json;

namespace Frikommune.Edge.Audit;

/// <summary>Writes records for the municipality's reporting, as CSV (RFC 4180, cells made safe by <see cref="CsvCell"/>) or JSON.</summary>
public static class AuditExport
{
    static readonly string[] Header = ["seq", "time", "kind", "decision", "resident", "door", "room", "alarm", "session", "actor", "details", "hash"];

    public static void WriteCsv(IEnumerable<AuditRecord> records, TextWriter output)
    {
        output.Write(string.Join(',', Header) + "\r\n");
        foreach (var r in records)
        {
            var e = r.Entry;
            string?[] fields =
            [
                r.Seq.ToString(CultureInfo.InvariantCulture), Clock.IsoTime.Format(r.Time), e.Kind, e.Refs.Decision, e.Refs.Resident,
                e.Refs.Door, e.Refs.Room, e.Refs.Alarm, e.Refs.Session, e.Actor,
                AuditHash.SerializeDetails(e.Details), Convert.ToHexStringLower(r.Hash),
            ];
            output.Write(string.Join(',', fields.Select(CsvCell.Safe)) + "\r\n");
        }
    }

    public static void WriteJson(IEnumerable<AuditRecord> records, Stream output)
    {
        // One record at a time: a year's export is not held in memory.
        var payload = Wire.WireJson.Indented.AuditRecordPayload;
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = payload.Options.Encoder });
        json.WriteStartArray();
        foreach (var r in records) JsonSerializer.Serialize(json, AuditJson.Payload(r), payload);
        json.WriteEndArray();
    }
}
