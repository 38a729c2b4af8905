using System.Device.Gpio;
using Frikommune.Edge.Gpio;

namespace Frikommune.Edge.Simulation;

/// <summary>
/// A GPIO driver with no hardware behind it, for <c>run --simulate</c> and tests. Inputs read their pull level until
/// something drives them with <see cref="SetInputLevel"/>, which raises the registered edge callbacks on the caller's thread.
/// </summary>
public sealed class SimulatedGpioDriver(int pinCount = 64) : GpioDriver
{
    readonly object _gate = new();
    readonly Dictionary<int, PinState> _pins = [];
    readonly Dictionary<int, PinValue> _driven = [];

    /// <summary>An output pin changed level: pin and new value. Raised on the writer's thread.</summary>
    public event Action<int, PinValue>? OutputChanged;

    protected override int PinCount => pinCount;

    /// <summary>Drives an input pin from outside (tests, the simulation API). Unopened pins keep the level for when they open.</summary>
    public void SetInputLevel(int pin, PinValue value)
    {
        PinChangeEventHandler[] handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            CheckPinNumber(pin);
            if (_pins.TryGetValue(pin, out var p) && p.Mode == PinMode.Output)
                throw new InvalidOperationException($"Pin {pin} is an output.");
            var before = _pins.ContainsKey(pin) ? LevelOf(pin) : (PinValue?)null;
            _driven[pin] = value;
            if (p is null || before == value) return;
            edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = p.Callbacks.Where(c => (c.Types & edge) != 0).Select(c => c.Handler).ToArray();
            foreach (var w in p.Waiters.Where(w => (w.Types & edge) != 0).ToArray())
            {
                p.Waiters.Remove(w);
                w.Done.TrySetResult(edge);
            }
        }
        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var h in handlers) h(this, args);
    }

    /// <summary>The level an output pin is driven at.</summary>
    public PinValue ReadOutput(int pin)
    {
        lock (_gate)
        {
            if (!_pins.TryGetValue(pin, out var p) || p.Mode != PinMode.Output)
                throw new InvalidOperationException($"Pin {pin} is not an open output.");
            return p.Output;
        }
    }

    /// <summary>An open pin's mode and level, or null when the pin is not open.</summary>
    public SimulatedPin? GetPin(int pin)
    {
        lock (_gate) return _pins.TryGetValue(pin, out var p) ? SimulatedPin.Of(pin, p.Mode, LevelOf(pin)) : null;
    }

    public IReadOnlyList<SimulatedPin> Snapshot()
    {
        lock (_gate) return _pins.OrderBy(kv => kv.Key).Select(kv => SimulatedPin.Of(kv.Key, kv.Value.Mode, LevelOf(kv.Key))).ToArray();
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            CheckPinNumber(pinNumber);
            _pins.TryAdd(pinNumber, new PinState());
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            if (!_pins.Remove(pinNumber, out var p)) return;
            foreach (var w in p.Waiters) w.Done.TrySetResult(PinEventTypes.None);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate) Pin(pinNumber).Mode = mode;
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        lock (_gate)
        {
            var p = Pin(pinNumber);
            if (mode == PinMode.Output) p.Output = initialValue;
            p.Mode = mode;
        }
        if (mode == PinMode.Output) OutputChanged?.Invoke(pinNumber, initialValue);
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate) return Pin(pinNumber).Mode;
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            Pin(pinNumber);
            return LevelOf(pinNumber);
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            var p = Pin(pinNumber);
            if (p.Mode != PinMode.Output) return;
            if (p.Output == value) return;
            p.Output = value;
        }
        OutputChanged?.Invoke(pinNumber, value);
    }

    protected override void Toggle(int pinNumber)
    {
        PinValue value;
        lock (_gate) value = !LevelOf(pinNumber);
        Write(pinNumber, value);
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate) Pin(pinNumber).Callbacks.Add((eventTypes, callback));
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate) Pin(pinNumber).Callbacks.RemoveAll(c => c.Handler == callback);
    }

    // GpioDriver's synchronous API: a caller that chose to block asked for exactly this; the gateway uses the async one.
#pragma warning disable RS0030
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        WaitForEventAsync(pinNumber, eventTypes, cancellationToken).AsTask().GetAwaiter().GetResult();
#pragma warning restore RS0030

    protected override async ValueTask<WaitForEventResult> WaitForEventAsync(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(eventTypes, new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate) Pin(pinNumber).Waiters.Add(waiter);
        try
        {
            var edge = await waiter.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new WaitForEventResult { EventTypes = edge, TimedOut = edge == PinEventTypes.None };
        }
        catch (OperationCanceledException)
        {
            lock (_gate) if (_pins.TryGetValue(pinNumber, out var p)) p.Waiters.Remove(waiter);
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
    }

    PinState Pin(int pinNumber) =>
        _pins.TryGetValue(pinNumber, out var p) ? p : throw new InvalidOperationException($"Pin {pinNumber} is not open.");

    PinValue LevelOf(int pin)
    {
        var p = _pins[pin];
        if (p.Mode == PinMode.Output) return p.Output;
        if (_driven.TryGetValue(pin, out var driven)) return driven;
        return p.Mode == PinMode.InputPullDown ? PinValue.Low : PinValue.High;
    }

    void CheckPinNumber(int pin)
    {
        if (pin < 0 || pin >= pinCount) throw new ArgumentOutOfRangeException(nameof(pin), pin, $"Pins are 0–{pinCount - 1}.");
    }

    sealed class PinState
    {
        public PinMode Mode = PinMode.Input;
        public PinValue Output = PinValue.Low;
        public readonly List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks = [];
        public readonly List<Waiter> Waiters = [];
    }

    sealed record Waiter(PinEventTypes Types, TaskCompletionSource<PinEventTypes> Done);
}
