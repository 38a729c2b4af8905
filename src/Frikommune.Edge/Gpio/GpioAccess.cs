using System.Device.Gpio;
using Microsoft.Extensions.Logging;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Gpio;

/// <summary>
/// The GPIO controller, or why there is none. A gateway whose GPIO cannot be opened keeps running (alarms,
/// sensors, check-ins) with its doors unpowered — a power-to-lock door is then free — and says so.
/// </summary>
public sealed class GpioAccess(GpioController? controller, string? problem)
{
    public GpioController? Controller { get; } = controller;
    public string? Problem { get; } = problem;

    /// <summary>The simulated driver, when that is the one in use (<c>--simulate</c> or <c>Gpio:Driver: simulated</c>).</summary>
    public SimulatedGpioDriver? Simulator { get; private init; }

    public static GpioAccess Open(Func<GpioDriver> driver, ILogger log)
    {
        try
        {
            var opened = driver();
            return new GpioAccess(new GpioController(opened), null) { Simulator = opened as SimulatedGpioDriver };
        }
        catch (Exception e)
        {
            var problem = $"GPIO cannot be opened: {e.Message}";
            log.LogError("{Problem}; doors are not driven (a power-to-lock door is free), camera indicators are dark", problem);
            return new GpioAccess(null, problem);
        }
    }
}
