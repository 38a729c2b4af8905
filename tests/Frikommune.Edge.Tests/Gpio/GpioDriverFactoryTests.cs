using Frikommune.Edge.Gpio;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Tests.Gpio;

public class GpioDriverFactoryTests
{
    [Theory]
    [InlineData("simulated")]
    [InlineData("Simulated")]
    public void Simulated_gives_the_simulated_driver(string name)
    {
        using var driver = GpioDriverFactory.Create(name, 0);

        Assert.IsType<SimulatedGpioDriver>(driver);
    }

    [Fact]
    public void An_unknown_driver_is_refused_naming_the_choices()
    {
        var e = Assert.Throws<ArgumentException>(() => GpioDriverFactory.Create("pigpio", 0));

        Assert.Contains("libgpiod, sysfs, simulated", e.Message);
    }
}
