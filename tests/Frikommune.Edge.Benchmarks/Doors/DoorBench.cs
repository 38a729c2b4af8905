using System.Device.Gpio;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Gpio;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Benchmarks.Doors;

/// <summary>
/// One door wired the production way — GpioController over the simulated driver, DoorGpio, debounce, state
/// machine — with its timers on a fake clock so a cycle can be reset without waiting out the release.
/// </summary>
internal sealed class DoorBench : IDisposable
{
    public const int ButtonA = 17, ButtonB = 27, Contact = 22, Lock = 23;

    public readonly FakeTimeProvider Time = new();
    public readonly SimulatedGpioDriver Driver = new();
    readonly GpioController _gpio;
    readonly DoorStateMachine _door;
    readonly DoorGpio _adapter;
    readonly DoorOptions _options;

    public DoorBench(bool special)
    {
        _options = new DoorOptions
        {
            Id = "door-bench",
            Pins = new() { ButtonA = ButtonA, ButtonB = ButtonB, Contact = Contact, Lock = Lock, Sounder = 24, FireRelease = 25 },
        };
        _gpio = new GpioController(Driver);
        Driver.SetInputLevel(Contact, PinValue.Low);
        _door = new DoorStateMachine(_options, Time);
        if (special)
        {
            _door.SetValidDecisions(["d-bench"]);
            _door.SetDoorAlarmPath(true);
        }
        _adapter = new DoorGpio(_gpio, _options, _door, Time);
        _adapter.Start();
    }

    /// <summary>Lets go of every button and waits out debounce and release, so the door is locked again.</summary>
    public void Reset()
    {
        Driver.SetInputLevel(ButtonA, PinValue.High);
        Driver.SetInputLevel(ButtonB, PinValue.High);
        Advance(TimeSpan.FromMilliseconds(_options.DebounceMs));
        Advance(TimeSpan.FromSeconds(_options.ReleaseSeconds));
        Advance(TimeSpan.FromSeconds(_options.ReleaseSeconds));
        if (Driver.ReadOutput(Lock) != PinValue.High) throw new InvalidOperationException("the door did not relock");
    }

    /// <summary>Past the debounce window and the two-button window's single-press alarm, without touching the release.</summary>
    public void Advance(TimeSpan by) => Time.Advance(by);

    public void Dispose()
    {
        _adapter.Dispose();
        _door.Dispose();
        _gpio.Dispose();
    }
}
