using Microsoft.Extensions.Configuration;

namespace Frikommune.Edge.Configuration;

/// <summary>The whole configuration, bound once from <c>appsettings.json</c>, environment and arguments.</summary>
public sealed class GatewayOptions
{
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

    public static GatewayOptions Bind(IConfiguration configuration)
    {
        var options = new GatewayOptions();
        configuration.Bind(options);
        return options;
    }
}
