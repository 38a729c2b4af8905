using System.Device.Gpio;
using Frikommune.Edge.Gpio;
using Frikommune.Edge.Simulation;
using Frikommune.Edge.Tests.Gpio;

namespace Frikommune.Edge.Tests.Simulation;

public class SimulatedGpioDriverTests
{
    readonly SimulatedGpioDriver _driver = new();
    readonly GpioController _gpio;

    public SimulatedGpioDriverTests() => _gpio = new GpioController(_driver);

    [Fact]
    public void An_idle_input_with_pull_up_reads_high()
    {
        _gpio.OpenPin(17, PinMode.InputPullUp);

        Assert.Equal(PinValue.High, _gpio.Read(17));
        Assert.Equal(new SimulatedPin(17, "input", "high"), _driver.GetPin(17));
    }

    [Fact]
    public void An_idle_input_with_pull_down_reads_low()
    {
        _gpio.OpenPin(17, PinMode.InputPullDown);

        Assert.Equal(PinValue.Low, _gpio.Read(17));
    }

    [Fact]
    public void Setting_an_input_level_raises_falling_and_rising_edges()
    {
        _gpio.OpenPin(17, PinMode.InputPullUp);
        var edges = new List<(int, PinEventTypes)>();
        _gpio.RegisterCallbackForPinValueChangedEvent(17, PinEventTypes.Rising | PinEventTypes.Falling,
            (_, e) => edges.Add((e.PinNumber, e.ChangeType)));

        _driver.SetInputLevel(17, PinValue.Low);
        _driver.SetInputLevel(17, PinValue.Low);
        _driver.SetInputLevel(17, PinValue.High);

        Assert.Equal([(17, PinEventTypes.Falling), (17, PinEventTypes.Rising)], edges);
        Assert.Equal(PinValue.High, _gpio.Read(17));
    }

    [Fact]
    public void A_callback_for_falling_edges_only_sees_no_rising_edge()
    {
        _gpio.OpenPin(17, PinMode.InputPullUp);
        var edges = new List<PinEventTypes>();
        _gpio.RegisterCallbackForPinValueChangedEvent(17, PinEventTypes.Falling, (_, e) => edges.Add(e.ChangeType));

        _driver.SetInputLevel(17, PinValue.Low);
        _driver.SetInputLevel(17, PinValue.High);

        Assert.Equal([PinEventTypes.Falling], edges);
    }

    [Fact]
    public void An_unregistered_callback_is_not_called()
    {
        _gpio.OpenPin(17, PinMode.InputPullUp);
        var calls = 0;
        PinChangeEventHandler handler = (_, _) => calls++;
        _gpio.RegisterCallbackForPinValueChangedEvent(17, PinEventTypes.Falling, handler);
        _gpio.UnregisterCallbackForPinValueChangedEvent(17, handler);

        _driver.SetInputLevel(17, PinValue.Low);

        Assert.Equal(0, calls);
    }

    [Fact]
    public void Outputs_are_readable_and_report_their_changes()
    {
        var changes = new List<(int, PinValue)>();
        _driver.OutputChanged += (pin, value) => changes.Add((pin, value));
        _gpio.OpenPin(23, PinMode.Output, PinValue.Low);
        _gpio.Write(23, PinValue.High);

        Assert.Equal(PinValue.High, _driver.ReadOutput(23));
        Assert.Equal(new SimulatedPin(23, "output", "high"), _driver.GetPin(23));
        Assert.Equal([(23, PinValue.Low), (23, PinValue.High)], changes);
    }

    [Fact]
    public void Driving_an_output_from_outside_is_refused()
    {
        _gpio.OpenPin(23, PinMode.Output);

        Assert.Throws<InvalidOperationException>(() => _driver.SetInputLevel(23, PinValue.Low));
    }

    [Fact]
    public void A_level_set_before_the_pin_opens_is_read_once_it_opens()
    {
        _driver.SetInputLevel(22, PinValue.Low);
        _gpio.OpenPin(22, PinMode.InputPullUp);

        Assert.Equal(PinValue.Low, _gpio.Read(22));
    }

    [Fact]
    public void The_snapshot_lists_open_pins_in_order_and_nothing_else()
    {
        _gpio.OpenPin(23, PinMode.Output, PinValue.High);
        _gpio.OpenPin(17, PinMode.InputPullUp);

        Assert.Equal([new SimulatedPin(17, "input", "high"), new SimulatedPin(23, "output", "high")], _driver.Snapshot());
        Assert.Null(_driver.GetPin(5));
    }

    [Fact]
    public async Task Waiting_for_an_event_completes_on_the_edge()
    {
        _gpio.OpenPin(17, PinMode.InputPullUp);
        var wait = _gpio.WaitForEventAsync(17, PinEventTypes.Falling, CancellationToken.None);

        _driver.SetInputLevel(17, PinValue.Low);
        var result = await wait;

        Assert.Equal(PinEventTypes.Falling, result.EventTypes);
        Assert.False(result.TimedOut);
    }

    [Fact]
    public void Pins_outside_the_chip_are_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => _driver.SetInputLevel(64, PinValue.Low));
    }
}
