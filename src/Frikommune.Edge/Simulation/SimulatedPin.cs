using System.Device.Gpio;
using Frikommune.Edge.Gpio;

namespace Frikommune.Edge.Simulation;

/// <summary>One simulated pin as shown on <c>GET /api/sim/gpio/{pin}</c>: mode <c>input|output</c>, value <c>high|low</c>.</summary>
public sealed record SimulatedPin(int Pin, string Mode, string Value)
{
    internal static SimulatedPin Of(int pin, PinMode mode, PinValue value) =>
        new(pin, mode == PinMode.Output ? "output" : "input", value == PinValue.High ? "high" : "low");
}
