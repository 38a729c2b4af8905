using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Alarms;

/// <summary>The alarm payload of CONTRACT § 4 and the staff's ack/resolve payload.</summary>
public static class AlarmJson
{
    public static byte[] ToUtf8Bytes(Alarm alarm, IReadOnlyList<AlarmDelivery>? deliveries = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, alarm, deliveries);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ToJson(Alarm alarm) => Encoding.UTF8.GetString(ToUtf8Bytes(alarm));

    /// <summary>With <c>"deliveries":[{"receiver","state"}]</c>: where the alarm was called out (HTTP and the page).</summary>
    public static string ToJson(Alarm alarm, IReadOnlyList<AlarmDelivery> deliveries) => Encoding.UTF8.GetString(ToUtf8Bytes(alarm, deliveries));

    public static void Write(Utf8JsonWriter writer, Alarm alarm, IReadOnlyList<AlarmDelivery>? deliveries = null)
    {
        writer.WriteStartObject();
        writer.WriteString("id", alarm.Id);
        writer.WriteString("kind", alarm.Kind.Name());
        writer.WriteString("priority", alarm.Priority.Name());
        writer.WriteString("site", alarm.Site);
        if (alarm.Door is not null) writer.WriteString("door", alarm.Door);
        if (alarm.Room is not null) writer.WriteString("room", alarm.Room);
        writer.WriteString("raisedAt", Timestamp(alarm.RaisedAt));
        writer.WriteString("state", alarm.State.Name());
        if (alarm.AckedBy is not null) writer.WriteString("ackedBy", alarm.AckedBy);
        writer.WriteNumber("escalation", alarm.Escalation);
        if (deliveries is not null)
        {
            writer.WriteStartArray("deliveries");
            foreach (var d in deliveries)
            {
                writer.WriteStartObject();
                writer.WriteString("receiver", d.Receiver);
                writer.WriteString("state", d.State);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>ISO 8601 UTC with milliseconds: <c>2026-11-23T21:04:05.123Z</c>.</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>{"staff":"&lt;staff id&gt;"}</c> from an ack or resolve message; false when it is not that.</summary>
    public static bool TryReadStaff(ReadOnlySpan<byte> payload, out string staff)
    {
        staff = "";
        if (payload.Length > 4096) return false;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            string? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isStaff = reader.ValueTextEquals("staff"u8);
                reader.Read();
                if (isStaff && reader.TokenType == JsonTokenType.String) found = reader.GetString();
                else reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
            if (!Decisions.References.IsSafe(found)) return false;
            staff = found!;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
