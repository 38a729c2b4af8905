using System.Device.Gpio;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.CheckIns;

/// <summary>
/// Each room's <c>CameraIndicator</c> output: high exactly while a check-in session for the room is open, so the
/// resident and staff can see the camera is being viewed (LEGAL.md rule 3). Low at start and at stop.
/// </summary>
public sealed class CameraIndicators(Gpio.GpioAccess access, GatewayOptions options) : IDisposable
{
    readonly GpioController? _gpio = access.Controller;
    readonly Dictionary<string, int> _pins = options.Rooms.Where(r => r.Pins.CameraIndicator is not null)
        .ToDictionary(r => r.Id, r => r.Pins.CameraIndicator!.Value);

    public void Start()
    {
        if (_gpio is not { } gpio) return;
        foreach (var pin in _pins.Values)
        {
            if (!gpio.IsPinOpen(pin)) gpio.OpenPin(pin, PinMode.Output);
            gpio.Write(pin, PinValue.Low);
        }
    }

    public void Set(string room, bool on)
    {
        if (_gpio is { } gpio && _pins.TryGetValue(room, out var pin) && gpio.IsPinOpen(pin)) gpio.Write(pin, on ? PinValue.High : PinValue.Low);
    }

    public void Dispose()
    {
        if (_gpio is not { } gpio) return;
        foreach (var pin in _pins.Values)
            if (gpio.IsPinOpen(pin)) gpio.Write(pin, PinValue.Low);
    }
}
