using Frikommune.Edge.Alarms;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Mqtt;

namespace Frikommune.Edge.Web;

sealed class DoorStatus(DoorFleet doors, Configuration.GatewayOptions options) : IStatusPart
{
    public string Name => "doors";
    public object Status() => doors.Doors.Select(d => new
    {
        id = d.DoorId, kind = options.Doors.FirstOrDefault(o => o.Id == d.DoorId)?.Kind, mode = d.State.Mode.ToContractName(), locked = d.State.Locked, open = d.State.Open, since = d.State.Since,
    }).ToList();
}

sealed class MqttStatus(MqttConnection mqtt) : IStatusPart
{
    public string Name => "mqtt";
    public object Status() => new
    {
        connected = mqtt.IsConnected, broker = $"{mqtt.Endpoint.Host}:{mqtt.Endpoint.Port}", since = mqtt.ConnectedSince, queued = mqtt.Queued,
    };
}

sealed class AlarmStatus(AlarmDesk desk) : IStatusPart
{
    public string Name => "alarms";
    public object Status() => new { open = desk.Open().Count };
}

sealed class GpioStatus(Gpio.GpioAccess gpio, Configuration.GatewayOptions options, Configuration.GatewayRun run) : IStatusPart
{
    public string Name => "gpio";
    public object Status() => new
    {
        driver = run.Simulate ? "simulated" : options.Gpio.Driver, chip = options.Gpio.Chip, ok = gpio.Controller is not null, problem = gpio.Problem,
    };
}

/// <summary>Each room's camera indicator (§ 128 b stk. 3): without one the gateway can drive, no SEL§128b-1 check-in.</summary>
sealed class RoomIndicatorStatus(CheckIns.CameraIndicators indicators) : IStatusPart
{
    public string Name => "rooms";
    public object Status() => indicators.Rooms().Select(r => new { id = r.Room, indicator = new { pin = r.Pin, works = r.Works } }).ToList();
}
