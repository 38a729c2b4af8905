using Microsoft.Extensions.Options;

namespace Frikommune.Edge.Configuration;

/// <summary>
/// The whole configuration in one view, for the readers of all of it: <c>/api/config</c> and the validator. A component
/// takes the section(s) it reads (<c>DoorList</c>, <c>CheckInsOptions</c>, …), so its constructor says what it depends on.
/// Not bound itself: it is put together from the sections, each bound and validated once (<c>GatewayOptionsSetup</c>).
/// </summary>
public sealed class GatewayOptions
{
    public GatewayOptions() { }

    public GatewayOptions(IOptions<SiteOptions> site, IOptions<MqttOptions> mqtt, IOptions<HttpOptions> http, IOptions<StorageOptions> storage,
        IOptions<DecisionsOptions> decisions, IOptions<ClockOptions> clock, IOptions<GpioOptions> gpio, IOptions<DoorList> doors,
        IOptions<RoomList> rooms, IOptions<AlarmsOptions> alarms, IOptions<CheckInsOptions> checkIns, IOptions<SimulationOptions> simulation,
        IOptions<NotifyOptions> notify)
    {
        (Site, Mqtt, Http, Storage, Decisions, Clock, Gpio) = (site.Value, mqtt.Value, http.Value, storage.Value, decisions.Value, clock.Value, gpio.Value);
        (Doors, Rooms, Alarms, CheckIns, Simulation, Notify) = (doors.Value, rooms.Value, alarms.Value, checkIns.Value, simulation.Value, notify.Value);
    }

    public SiteOptions Site { get; set; } = new();
    public MqttOptions Mqtt { get; set; } = new();
    public HttpOptions Http { get; set; } = new();
    public StorageOptions Storage { get; set; } = new();
    public DecisionsOptions Decisions { get; set; } = new();
    public ClockOptions Clock { get; set; } = new();
    public GpioOptions Gpio { get; set; } = new();
    public List<DoorOptions> Doors { get; set; } = new();
    public List<RoomOptions> Rooms { get; set; } = new();
    public AlarmsOptions Alarms { get; set; } = new();
    public CheckInsOptions CheckIns { get; set; } = new();
    public SimulationOptions Simulation { get; set; } = new();
    public NotifyOptions Notify { get; set; } = new();
}
