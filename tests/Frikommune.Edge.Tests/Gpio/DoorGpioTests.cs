using System.Device.Gpio;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Gpio;
using Frikommune.Edge.Tests.Doors;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Tests.Gpio;

/// <summary>A real GpioController over the simulated driver, the door on a fake clock.</summary>
public sealed class DoorGpioTests : IDisposable
{
    const int ButtonA = 17, ButtonB = 27, Contact = 22, Lock = 23, Sounder = 24, Fire = 25, Heartbeat = 26;
    static readonly PinValue Low = PinValue.Low, High = PinValue.High;

    readonly FakeTimeProvider _time = new();
    readonly SimulatedGpioDriver _driver = new();
    readonly GpioController _gpio;
    readonly DoorOptions _options = new()
    {
        Id = "door-west",
        Pins = new() { ButtonA = ButtonA, ButtonB = ButtonB, Contact = Contact, Lock = Lock, Sounder = Sounder, FireRelease = Fire },
    };
    readonly List<(int Pin, PinValue Value)> _writes = [];
    DoorStateMachine? _door;
    DoorGpio? _adapter;

    public DoorGpioTests()
    {
        _gpio = new GpioController(_driver);
        _driver.OutputChanged += (pin, value) => _writes.Add((pin, value));
        // Idle hardware: buttons up, door closed (contact to ground), no fire.
        _driver.SetInputLevel(Contact, Low);
    }

    DoorStateMachine Start(bool special = false)
    {
        _door = new DoorStateMachine(_options, _time);
        if (special)
        {
            _door.SetValidDecisions(["d-1"]);
            _door.SetDoorAlarmPath(true);
        }
        _adapter = new DoorGpio(_gpio, _options, _door, _time);
        _adapter.Start();
        return _door;
    }

    PinValue LockPin => _driver.ReadOutput(Lock);
    PinValue SounderPin => _driver.ReadOutput(Sounder);
    void Ms(int ms) => _time.AdvanceInSteps(TimeSpan.FromMilliseconds(ms));

    [Fact]
    public void The_lock_pin_opens_released_before_it_locks()
    {
        Start();

        Assert.Equal([Low, High], _writes.Where(w => w.Pin == Lock).Select(w => w.Value));
        Assert.Equal(Low, SounderPin);
        Assert.Equal(new SimulatedPin(ButtonA, "input", "high"), _driver.GetPin(ButtonA));
    }

    [Fact]
    public void In_free_mode_a_press_drops_the_lock_pin_at_once()
    {
        Start();
        _driver.SetInputLevel(ButtonA, Low);

        Assert.Equal(Low, LockPin);
    }

    [Fact]
    public void A_bouncing_press_and_release_is_one_press_and_the_release_is_not_lost()
    {
        var door = Start();
        var events = new List<DoorEvent>();
        door.Subscribe(new Collect(events));
        _driver.SetInputLevel(ButtonA, Low);
        _driver.SetInputLevel(ButtonA, High);
        _driver.SetInputLevel(ButtonA, Low);
        _driver.SetInputLevel(ButtonA, High);
        Ms(20);
        Assert.Single(events.OfType<DoorReleased>());

        Ms(5000);

        Assert.Equal(High, LockPin);
    }

    [Fact]
    public void In_special_mode_both_buttons_drop_the_lock_pin()
    {
        Start(special: true);
        _driver.SetInputLevel(ButtonA, Low);
        Ms(100);
        Assert.Equal(High, LockPin);

        _driver.SetInputLevel(ButtonB, Low);

        Assert.Equal(Low, LockPin);
    }

    [Fact]
    public void In_special_mode_one_button_sounds_the_sounder_pin()
    {
        Start(special: true);
        _driver.SetInputLevel(ButtonA, Low);
        Ms(50);
        _driver.SetInputLevel(ButtonA, High);
        Ms(1500);

        Assert.Equal(High, SounderPin);
        Assert.Equal(High, LockPin);
    }

    [Fact]
    public void A_low_fire_input_releases_and_a_high_one_relocks()
    {
        Start(special: true);
        _driver.SetInputLevel(Fire, Low);
        Assert.Equal(Low, LockPin);

        Ms(20);
        _driver.SetInputLevel(Fire, High);
        Assert.Equal(High, LockPin);
    }

    [Fact]
    public void A_fire_input_already_low_at_start_never_lets_the_lock_pin_go_high()
    {
        _driver.SetInputLevel(Fire, Low);
        Start(special: true);

        Assert.DoesNotContain((Lock, High), _writes);
    }

    [Fact]
    public void A_contact_going_high_while_locked_is_a_forced_door_with_the_sounder_on()
    {
        Start(special: true);
        _driver.SetInputLevel(Contact, High);

        Assert.Equal(High, SounderPin);
        Assert.True(_door!.State.Open);
    }

    [Fact]
    public void Disposing_leaves_the_lock_released_and_the_pins_closed()
    {
        Start();
        _adapter!.Dispose();

        Assert.Equal((Lock, Low), _writes.Last(w => w.Pin == Lock));
        Assert.Empty(_driver.Snapshot());
        Assert.False(_gpio.IsPinOpen(ButtonA));
    }

    [Fact]
    public void The_heartbeat_pin_toggles_at_10_Hz_while_running_and_stops_after()
    {
        _options.Pins.LockHeartbeat = Heartbeat;
        Start();
        Ms(1000);

        Assert.Equal(20, _writes.Count(w => w.Pin == Heartbeat) - 1);

        _adapter!.Dispose();
        var count = _writes.Count;
        Ms(1000);
        Assert.Equal(count, _writes.Count);
    }

    [Fact]
    public void Missing_pins_are_simply_not_used()
    {
        _options.Pins = new() { ButtonA = ButtonA, Lock = Lock };
        Start();
        _driver.SetInputLevel(ButtonA, Low);

        Assert.Equal(Low, LockPin);
        Assert.Equal([ButtonA, Lock], _driver.Snapshot().Select(p => p.Pin));
    }

    public void Dispose()
    {
        _adapter?.Dispose();
        _door?.Dispose();
        _gpio.Dispose();
    }

    sealed class Collect(List<DoorEvent> events) : IDoorObserver
    {
        public void OnDoorEvent(DoorEvent e) => events.Add(e);
    }
}
