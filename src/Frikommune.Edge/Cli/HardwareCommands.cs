using System.Device.Gpio;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Gpio;

namespace Frikommune.Edge.Cli;

/// <summary>
/// <c>hardware selftest</c>: reads every configured input and pulses every output once, printing one line per pin.
/// Run it with the gateway stopped (it needs the pins). The lock is pulsed to locked for a moment and left released.
/// </summary>
static class HardwareCommands
{
    static readonly TimeSpan Pulse = TimeSpan.FromMilliseconds(300);

    public static async Task<int> SelfTestAsync(CommandContext c)
    {
        var stdout = c.Out;
        var o = c.Get<GpioOptions>();
        var (doors, rooms) = (c.Get<DoorList>(), c.Get<RoomList>());
        var driverName = c.Get<GatewayRun>().Simulate ? "simulated" : o.Driver;
        GpioController gpio;
        try { gpio = new GpioController(GpioDriverFactory.Create(driverName, o.Chip)); }
        catch (Exception e)
        {
            stdout.WriteLine($"gpio: cannot open driver '{driverName}' on chip {o.Chip}: {e.Message}");
            return CommandLine.Failed;
        }
        using (gpio)
        {
            var ok = true;
            stdout.WriteLine($"gpio: driver {driverName}, chip {o.Chip}");
            var results = new Dictionary<string, bool>();
            foreach (var (key, pin, input) in Pins(doors, rooms))
                ok &= results[key] = input ? ReadInput(gpio, key, pin, stdout) : await PulseOutputAsync(gpio, key, pin, stdout);
            WriteIndicators(rooms, results, stdout);
            stdout.WriteLine(ok ? "selftest ok" : "selftest FAILED");
            return ok ? CommandLine.Ok : CommandLine.Failed;
        }
    }

    static IEnumerable<(string Key, int Pin, bool Input)> Pins(DoorList doors, RoomList rooms)
    {
        for (var i = 0; i < doors.Count; i++)
        {
            var p = doors[i].Pins;
            var k = $"Doors:{i}:Pins";
            foreach (var (name, pin) in new[] { ("ButtonA", p.ButtonA), ("ButtonB", p.ButtonB), ("Contact", p.Contact), ("FireRelease", p.FireRelease) })
                if (pin is { } n) yield return ($"{k}:{name}", n, true);
            foreach (var (name, pin) in new[] { ("Lock", p.Lock), ("Sounder", p.Sounder), ("LockHeartbeat", p.LockHeartbeat) })
                if (pin is { } n) yield return ($"{k}:{name}", n, false);
        }
        for (var i = 0; i < rooms.Count; i++)
            if (rooms[i].Pins.CameraIndicator is { } n) yield return ($"Rooms:{i}:Pins:CameraIndicator", n, false);
    }

    /// <summary>§ 128 b stk. 3: a room's kamerakig needs an indicator the gateway can drive; say for each room whether it has one.</summary>
    static void WriteIndicators(RoomList rooms, Dictionary<string, bool> results, TextWriter stdout)
    {
        for (var i = 0; i < rooms.Count; i++)
        {
            var room = rooms[i];
            var state = room.Pins.CameraIndicator is not { } pin
                ? "none: SEL§128b-1 check-ins are refused (indicator-missing)"
                : results.GetValueOrDefault($"Rooms:{i}:Pins:CameraIndicator") ? $"pin {pin} ok"
                : $"pin {pin} cannot be driven: SEL§128b-1 check-ins are refused (indicator-missing)";
            stdout.WriteLine($"Rooms:{i} ({room.Id}) camera indicator: {state}");
        }
    }

    static bool ReadInput(GpioController gpio, string key, int pin, TextWriter stdout)
    {
        try
        {
            gpio.OpenPin(pin, PinMode.InputPullUp);
            var value = gpio.Read(pin);
            gpio.ClosePin(pin);
            stdout.WriteLine($"{key} (pin {pin}): input reads {(value == PinValue.High ? "high" : "low")}");
            return true;
        }
        catch (Exception e)
        {
            stdout.WriteLine($"{key} (pin {pin}): cannot read: {e.Message}");
            return false;
        }
    }

    static async Task<bool> PulseOutputAsync(GpioController gpio, string key, int pin, TextWriter stdout)
    {
        try
        {
            gpio.OpenPin(pin, PinMode.Output);
            gpio.Write(pin, PinValue.High);
            await Task.Delay(Pulse);
            gpio.Write(pin, PinValue.Low); // low: lock released, sounder and indicator off
            gpio.ClosePin(pin);
            stdout.WriteLine($"{key} (pin {pin}): output pulsed high for {Pulse.TotalMilliseconds:0} ms, left low");
            return true;
        }
        catch (Exception e)
        {
            stdout.WriteLine($"{key} (pin {pin}): cannot drive: {e.Message}");
            return false;
        }
    }
}
