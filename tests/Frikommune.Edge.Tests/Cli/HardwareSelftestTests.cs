using Frikommune.Edge.Cli;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Cli;

public sealed class HardwareSelftestTests
{
    [Fact]
    public async Task The_selftest_reads_every_input_and_pulses_every_output_on_the_simulated_driver()
    {
        using var site = new TestSite();
        var stdout = new StringWriter();
        var code = await CommandLine.RunAsync(["hardware", "selftest", "--config", site.ConfigDirectory], stdout);
        var output = stdout.ToString();
        Assert.Equal(0, code);
        Assert.Contains("Doors:0:Pins:ButtonA (pin 17): input reads high", output); // idle button, pull-up
        Assert.Contains("Doors:0:Pins:Lock (pin 23): output pulsed high", output);
        Assert.Contains("Rooms:1:Pins:CameraIndicator (pin 6): output pulsed high", output);
        Assert.Contains("Rooms:0 (room-12) camera indicator: pin 5 ok", output);
        Assert.EndsWith("selftest ok", output.Trim());
    }

    [Fact]
    public async Task A_room_without_an_indicator_pin_is_named_as_unable_to_have_kamerakig()
    {
        using var site = new TestSite();
        site.Json["Rooms"]![1]!["Pins"] = new System.Text.Json.Nodes.JsonObject();
        site.Write();
        var stdout = new StringWriter();
        await CommandLine.RunAsync(["hardware", "selftest", "--config", site.ConfigDirectory], stdout);
        Assert.Contains("Rooms:1 (room-14) camera indicator: none: SEL§128b-1 check-ins are refused (indicator-missing)", stdout.ToString());
    }

    [Fact]
    public async Task A_driver_that_cannot_open_fails_the_selftest()
    {
        using var site = new TestSite();
        var stdout = new StringWriter();
        var code = await CommandLine.RunAsync(["hardware", "selftest", "--config", site.ConfigDirectory, "--Gpio:Driver=sysfs", "--Gpio:Chip=7"], stdout);
        Assert.NotEqual(0, code);
        Assert.Contains("cannot", stdout.ToString());
    }
}
