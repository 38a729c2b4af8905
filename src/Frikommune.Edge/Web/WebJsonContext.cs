using System.Text.Json;
using System.Text.Json.Serialization;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Gpio;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Web;

/// <summary>
/// Source-generated metadata for what only HTTP answers (the shared payloads are in <see cref="Wire.WireJsonContext"/>).
/// ASP.NET Core uses both through <see cref="Wire.WireJson.Apply"/>; an <see cref="IStatusPart"/> returns one of these types.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(MqttStatusView))]
[JsonSerializable(typeof(AlarmStatusView))]
[JsonSerializable(typeof(GpioStatusView))]
[JsonSerializable(typeof(List<RoomIndicatorView>))]
[JsonSerializable(typeof(List<ReceiverView>))]
[JsonSerializable(typeof(List<PagingCallView>))]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(PageView))]
[JsonSerializable(typeof(CheckInGapView))]
[JsonSerializable(typeof(List<RoomPictureView>))]
[JsonSerializable(typeof(ObjectionView))]
[JsonSerializable(typeof(SensorPlayView))]
[JsonSerializable(typeof(SimulatedPin))]
[JsonSerializable(typeof(IReadOnlyList<SimulatedPin>))]
[JsonSerializable(typeof(GatewayOptions))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
public sealed partial class WebJsonContext : JsonSerializerContext;
