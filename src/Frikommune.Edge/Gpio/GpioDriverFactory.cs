using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Gpio;

/// <summary>Chooses the GPIO driver named by <c>Gpio:Driver</c>.</summary>
public static class GpioDriverFactory
{
    public static readonly IReadOnlyList<string> Names = ["libgpiod", "sysfs", "simulated"];

    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static GpioDriver Create(string name, int chip) => name.ToLowerInvariant() switch
    {
        "libgpiod" => CreateLibGpiod(chip),
        "sysfs" => new SysFsDriver(),
        "simulated" => new SimulatedGpioDriver(),
        _ => throw new ArgumentException($"unknown GPIO driver '{name}' (expected {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>
    /// Raspberry Pi OS up to Bookworm ships libgpiod 1.x, later releases 2.x; System.Device.Gpio has one driver for
    /// each, so the v1 driver is tried first and the v2 driver when the v1 library is missing.
    /// </summary>
    static GpioDriver CreateLibGpiod(int chip) =>
        GpioDriver.TryCreate(() => new LibGpiodDriver(chip), out var v1) ? v1 : new LibGpiodV2Driver(chip);
}
