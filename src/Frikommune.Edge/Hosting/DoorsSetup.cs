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
    public static IServiceCollection AddDoors(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var gpio = sp.GetRequiredService<GpioOptions>();
            var simulated = sp.GetRequiredService<GatewayRun>().Simulate || gpio.Driver == "simulated";
            return GpioAccess.Open(() => simulated ? new SimulatedGpioDriver() : GpioDriverFactory.Create(gpio.Driver, gpio.Chip),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Frikommune.Edge.Gpio"));
        });
        // The simulated driver, when it is the one in use; none (null) on a device's real GPIO.
        services.AddSingleton(sp => sp.GetRequiredService<GpioAccess>().Simulator!);
        services.AddSingleton<DoorEventPump>();
        services.RunAsHostedService<DoorEventPump>();
        services.AddSingleton<DoorFleet>();
        services.RunAsHostedService<DoorFleet>();
        services.AddHostedService<DoorTopics>();
        services.AddAlias<IDoorFleet, DoorFleet>();
        services.AddHostedService<DoorTimerWatch>();
        return services;
    }
}
