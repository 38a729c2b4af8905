using Frikommune.Edge.Alarms;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Gpio;

namespace Frikommune.Edge.Web;

sealed class DoorStatus(DoorFleet fleet, Configuration.DoorList doors) : IStatusPart
{
    public string Name => "doors";
    public object Status() => fleet.Doors.Select(d => DoorEventPump.View(d.State, d.DoorId, kind: doors.FirstOrDefault(o => o.Id == d.DoorId)?.Kind)).ToList();
}

sealed class MqttStatus(MqttConnection mqtt) : IStatusPart
{
    public string Name => "mqtt";
    public object Status() => new MqttStatusView(mqtt.IsConnected, $"{mqtt.Endpoint.Host}:{mqtt.Endpoint.Port}", mqtt.ConnectedSince, mqtt.Queued);
}

sealed class AlarmStatus(AlarmDesk desk) : IStatusPart
{
    public string Name => "alarms";
    public object Status() => new AlarmStatusView(desk.Open().Count);
}

sealed class GpioStatus(Gpio.GpioAccess gpio, Configuration.GpioOptions options, Configuration.GatewayRun run) : IStatusPart
{
    public string Name => "gpio";
    public object Status() => new GpioStatusView(run.Simulate ? "simulated" : options.Driver, options.Chip, gpio.Controller is not null, gpio.Problem);
}

/// <summary>Each room's camera indicator (§ 128 b stk. 3): without one the gateway can drive, no SEL§128b-1 check-in.</summary>
sealed class RoomIndicatorStatus(Gpio.CameraIndicators indicators) : IStatusPart
{
    public string Name => "rooms";
    public object Status() => indicators.Rooms().Select(r => new RoomIndicatorView(r.Room, new IndicatorView(r.Pin, r.Works))).ToList();
}
