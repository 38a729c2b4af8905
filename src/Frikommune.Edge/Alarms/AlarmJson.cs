using System.Text.Json;
using Frikommune.Edge.Wire;

namespace Frikommune.Edge.Alarms;

/// <summary>The alarm payload of CONTRACT § 4 and the staff's ack/resolve payload.</summary>
public static class AlarmJson
{
    /// <summary>The payload record; with <paramref name="deliveries"/>, <c>"deliveries":[{"receiver","state"}]</c>: where the alarm was called out (HTTP and the page).</summary>
    public static AlarmPayload Payload(Alarm alarm, IReadOnlyList<AlarmDelivery>? deliveries = null) => new(
        alarm.Id, alarm.Kind.Name(), alarm.Priority.Name(), alarm.Site, alarm.Door, alarm.Room,
        alarm.RaisedAt, alarm.State.Name(), alarm.AckedBy, alarm.Escalation,
        deliveries?.Select(d => new DeliveryPayload(d.Receiver, d.State)).ToList());

    public static byte[] ToUtf8Bytes(Alarm alarm, IReadOnlyList<AlarmDelivery>? deliveries = null) =>
        JsonSerializer.SerializeToUtf8Bytes(Payload(alarm, deliveries), WireJson.Compact.AlarmPayload);

    public static string ToJson(Alarm alarm) => JsonSerializer.Serialize(Payload(alarm), WireJson.Compact.AlarmPayload);

    public static string ToJson(Alarm alarm, IReadOnlyList<AlarmDelivery> deliveries) =>
        JsonSerializer.Serialize(Payload(alarm, deliveries), WireJson.Compact.AlarmPayload);

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
