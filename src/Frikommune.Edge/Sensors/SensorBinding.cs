using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Sensors;

/// <summary>A configured sensor with the room and resident it belongs to.</summary>
public sealed record SensorBinding(string Id, SensorKind Kind, SensorFormat Format, string Room, string Resident, string Topic)
{
    public string Measure => SensorMeasures.For(Kind);

    /// <summary>Every sensor of every room. Expects a validated configuration.</summary>
    public static IReadOnlyList<SensorBinding> From(IEnumerable<RoomOptions> rooms) =>
        rooms.SelectMany(r => r.Sensors.Select(s => new SensorBinding(
            s.Id,
            s.Kind == "sleep" ? SensorKind.Sleep : SensorKind.Motion,
            s.Format == "zigbee2mqtt" ? SensorFormat.Zigbee2Mqtt : SensorFormat.Native,
            r.Id, r.Resident, s.Topic))).ToList();
}
