using System.Device.Gpio;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Gpio;

/// <summary>
/// Each room's <c>CameraIndicator</c> output: high exactly while a check-in session for the room is open, so the
/// resident and staff can see the camera is being viewed (LEGAL.md rule 3). Low at start and at stop.
/// </summary>
public sealed class CameraIndicators(Gpio.GpioAccess access, RoomList rooms) : ICameraIndicators
{
    readonly GpioController? _gpio = access.Controller;
    readonly Dictionary<string, int> _pins = rooms.Where(r => r.Pins.CameraIndicator is not null)
        .ToDictionary(r => r.Id, r => r.Pins.CameraIndicator!.Value);

    public void Start()
    {
        if (_gpio is not { } gpio) return;
        foreach (var pin in _pins.Values)
        {
            // A pin that cannot be driven is not fatal: its room just cannot have a § 128 b kamerakig (Works is false).
            try
            {
                if (!gpio.IsPinOpen(pin)) gpio.OpenPin(pin, PinMode.Output);
                gpio.Write(pin, PinValue.Low);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                if (gpio.IsPinOpen(pin)) gpio.ClosePin(pin);
            }
        }
    }

    /// <summary>Whether the gateway can drive <paramref name="room"/>'s indicator: a pin is configured and open as an output.</summary>
    public bool Works(string room) => _gpio is { } gpio && _pins.TryGetValue(room, out var pin) && IsOutput(gpio, pin);

    /// <summary>Each configured room and its indicator, for <c>/api/status</c>.</summary>
    public IReadOnlyList<(string Room, int? Pin, bool Works)> Rooms() =>
        rooms.Select(r => (r.Id, r.Pins.CameraIndicator, Works(r.Id))).ToList();

    static bool IsOutput(GpioController gpio, int pin)
    {
        try { return gpio.IsPinOpen(pin) && gpio.GetPinMode(pin) == PinMode.Output; }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException) { return false; }
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
