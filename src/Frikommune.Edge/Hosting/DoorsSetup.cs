using Frikommune.Edge.Configuration;
using Frikommune.Edge.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Hosting;

public static class DoorsSetup
{
    /// <summary>The GPIO controller (simulated under <c>--simulate</c>, whatever <c>Gpio:Driver</c> says) and the doors on it.</summary>
    public static IServiceCollection AddDoors(this IServiceCollection services, GatewaySettings settings)
    {
        var gpio = settings.Options.Gpio;
        var simulated = settings.Simulate || gpio.Driver == "simulated";
        if (simulated) services.AddSingleton<SimulatedGpioDriver>();
        services.AddSingleton(sp => GpioAccess.Open(
            () => simulated ? sp.GetRequiredService<SimulatedGpioDriver>() : GpioDriverFactory.Create(gpio.Driver, gpio.Chip),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Frikommune.Edge.Gpio")));
        services.AddSingleton<DoorEventPump>();
        services.AddHostedService(sp => sp.GetRequiredService<DoorEventPump>());
        services.AddSingleton<DoorFleet>();
        services.AddHostedService(sp => sp.GetRequiredService<DoorFleet>());
        services.AddHostedService<DoorTopics>();
        services.AddSingleton<IDoorFleet>(sp => sp.GetRequiredService<DoorFleet>());
        services.AddHostedService<DoorTimerWatch>();
        return services;
    }
}
