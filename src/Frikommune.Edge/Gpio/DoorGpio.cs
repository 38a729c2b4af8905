using System.Device.Gpio;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Doors;

namespace Frikommune.Edge.Gpio;

/// <summary>
/// Wires one door's pins to its <see cref="DoorStateMachine"/>. Levels are the CONTRACT § 2 defaults: buttons pressed,
/// door closed and fire alarm active all read low (pull-up to ground); the lock is high = locked, the sounder high = on.
/// <see cref="Start"/> starts the door and <see cref="Dispose"/> stops it, leaving the lock released.
/// </summary>
public sealed class DoorGpio(GpioController gpio, DoorOptions options, DoorStateMachine door, TimeProvider time)
    : IDoorObserver, IDisposable
{
    /// <summary>Half the period of the ~10 Hz square wave on <c>LockHeartbeat</c>.</summary>
    public static readonly TimeSpan HeartbeatToggleInterval = TimeSpan.FromMilliseconds(50);

    readonly List<(int Pin, Debouncer Debouncer, PinChangeEventHandler Handler)> _inputs = [];
    readonly List<int> _outputs = [];
    IDisposable? _subscription;
    ITimer? _heartbeat;
    volatile bool _disposed;

    public void Start()
    {
        // The lock is opened released before anything else can happen.
        OpenOutput(options.Pins.Lock);
        OpenOutput(options.Pins.Sounder);
        OpenOutput(options.Pins.LockHeartbeat);
        _subscription = door.Subscribe(this);
        OpenInput(options.Pins.ButtonA, high => door.SetButton(DoorButton.A, pressed: !high));
        OpenInput(options.Pins.ButtonB, high => door.SetButton(DoorButton.B, pressed: !high));
        OpenInput(options.Pins.Contact, high => door.SetContact(open: high));
        OpenInput(options.Pins.FireRelease, high => door.SetFireAlarm(active: !high));
        door.Start();
        if (options.Pins.LockHeartbeat is { } beat)
            _heartbeat = time.CreateTimer(_ => Heartbeat(beat), null, HeartbeatToggleInterval, HeartbeatToggleInterval);
    }

    public void OnDoorEvent(DoorEvent e)
    {
        switch (e)
        {
            case LockOutputChanged l: Write(options.Pins.Lock, l.Locked); break;
            case SounderChanged s: Write(options.Pins.Sounder, s.On); break;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _heartbeat?.Dispose();
        door.Stop();
        _subscription?.Dispose();
        foreach (var (pin, debouncer, handler) in _inputs)
        {
            gpio.UnregisterCallbackForPinValueChangedEvent(pin, handler);
            debouncer.Dispose();
            gpio.ClosePin(pin);
        }
        _inputs.Clear();
        Write(options.Pins.Lock, false);
        Write(options.Pins.Sounder, false);
        foreach (var pin in _outputs) gpio.ClosePin(pin);
        _outputs.Clear();
    }

    void OpenOutput(int? pin)
    {
        if (pin is not { } p) return;
        gpio.OpenPin(p, PinMode.Output, PinValue.Low);
        _outputs.Add(p);
    }

    void OpenInput(int? pin, Action<bool> onLevel)
    {
        if (pin is not { } p) return;
        gpio.OpenPin(p, PinMode.InputPullUp);
        var initial = gpio.Read(p) == PinValue.High;
        onLevel(initial);
        var debouncer = new Debouncer(initial, TimeSpan.FromMilliseconds(Math.Max(0, options.DebounceMs)), time, onLevel);
        PinChangeEventHandler handler = (_, e) => debouncer.Input(e.ChangeType == PinEventTypes.Rising);
        gpio.RegisterCallbackForPinValueChangedEvent(p, PinEventTypes.Rising | PinEventTypes.Falling, handler);
        _inputs.Add((p, debouncer, handler));
        // An edge between the first read and the registration would otherwise be lost.
        debouncer.Input(gpio.Read(p) == PinValue.High);
    }

    void Write(int? pin, bool high)
    {
        if (pin is { } p && _outputs.Contains(p)) gpio.Write(p, high ? PinValue.High : PinValue.Low);
    }

    /// <summary>
    /// Pulses only while the door answers, so an external watchdog drops the lock if the gateway hangs or dies.
    /// </summary>
    void Heartbeat(int pin)
    {
        try
        {
            if (!_disposed && door.IsResponsive(TimeSpan.FromMilliseconds(10))) gpio.Toggle(pin);
        }
        catch (InvalidOperationException) when (_disposed)
        {
            // The pin closed under a tick that was already running.
        }
    }
}
