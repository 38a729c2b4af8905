using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frikommune.Edge.Wire;

/// <summary>
/// Source-generated metadata for the payloads of CONTRACT §§ 4–5 that MQTT, HTTP and the CLI share. Use it through
/// <see cref="WireJson"/>, whose options it is created with.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusPayload))]
[JsonSerializable(typeof(AlarmPayload))]
[JsonSerializable(typeof(List<AlarmPayload>))]
[JsonSerializable(typeof(DoorView))]
[JsonSerializable(typeof(List<DoorView>))]
[JsonSerializable(typeof(CheckInReply))]
[JsonSerializable(typeof(CheckInGrantView))]
[JsonSerializable(typeof(CheckInSessionEvent))]
[JsonSerializable(typeof(List<CheckInSessionView>))]
[JsonSerializable(typeof(AuditRecordPayload))]
[JsonSerializable(typeof(Refusal))]
public sealed partial class WireJsonContext : JsonSerializerContext;
