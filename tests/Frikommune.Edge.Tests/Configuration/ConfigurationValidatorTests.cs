using System.Text.Json.Nodes;
using Frikommune.Edge.Cli;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Configuration;

public sealed class ConfigurationValidatorTests : IDisposable
{
    readonly TestSite _site = new();

    [Fact]
    public async Task The_example_configuration_is_valid()
    {
        var stdout = new StringWriter();
        var code = await CommandLine.RunAsync(["config", "validate", "--config", Path.Combine(TestSite.RepositoryRoot, "config")], stdout);
        Assert.Equal("ok", stdout.ToString().Trim());
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData("--Doors:0:Pins:Lock=17", "Doors:0:Pins:Lock: pin 17 is also used by Doors:0:Pins:ButtonA")]
    [InlineData("--Rooms:0:Pins:CameraIndicator=24", "Rooms:0:Pins:CameraIndicator: pin 24 is also used by Doors:0:Pins:Sounder")]
    [InlineData("--Rooms:1:Sensors:0:Id=bed-12", "Rooms:1:Sensors:0:Id: sensor id 'bed-12' is used twice")]
    [InlineData("--Rooms:0:Sensors:0:Format=csv", "Rooms:0:Sensors:0:Format: unknown format 'csv'")]
    [InlineData("--Site:Id=", "Site:Id: is required")]
    [InlineData("--Site:TimeZone=Europe/Atlantis", "Site:TimeZone: 'Europe/Atlantis' is not a known time zone")]
    [InlineData("--CheckIns:MaxSecondsCap=601", "CheckIns:MaxSecondsCap: must be 1-600 seconds")]
    [InlineData("--Doors:0:DelayedEgressSeconds=181", "Doors:0:DelayedEgressSeconds: must be 1-180")]
    [InlineData("--Rooms:0:Resident=010203-1234", "Rooms:0:Resident: looks like a CPR number")]
    [InlineData("--Gpio:Driver=gpiozero", "Gpio:Driver: 'gpiozero' is not one of")]
    [InlineData("--Rooms:0:Camera:Kind=webcam", "Rooms:0:Camera:Kind: 'webcam' is not one of")]
    [InlineData("--Mqtt:Port=70000", "Mqtt:Port: must be 1-65535")]
    [InlineData("--Doors:0:Pins:Lock=abc", "Doors:0:Pins:Lock: 'abc' is not a pin number")]
    [InlineData("--Mqtt:Port=x", "Mqtt:Port: has a value of the wrong type")]
    [InlineData("--Site:Night:From=25:00", "Site:Night:From: must be a time HH:mm")]
    [InlineData("--Doors:0:Kind=window", "Doors:0:Kind: 'window' is not one of unit-door, outer-door, gate")]
    public async Task A_problem_is_reported_on_one_line_naming_its_key(string setting, string expected)
    {
        var (code, output) = await _site.ValidateConfigAsync(setting);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, output);
        Assert.DoesNotContain("\n\n", output.Trim());
    }

    [Fact]
    public async Task A_door_id_used_twice_is_refused()
    {
        var doors = _site.Json["Doors"]!.AsArray();
        var copy = JsonNode.Parse(doors[0]!.ToJsonString())!;
        copy["Pins"] = new JsonObject { ["ButtonA"] = 2, ["ButtonB"] = 3, ["Contact"] = 4, ["Lock"] = 7 };
        doors.Add(copy);
        _site.Write();
        var (code, output) = await _site.ValidateConfigAsync();
        Assert.NotEqual(0, code);
        Assert.Contains("Doors:1:Id: door id 'door-west' is used twice", output);
    }

    [Fact]
    public async Task Environment_variables_override_the_file()
    {
        Environment.SetEnvironmentVariable("FRIKOMMUNE_CheckIns__MaxSecondsCap", "700");
        try
        {
            var (code, output) = await _site.ValidateConfigAsync();
            Assert.NotEqual(0, code);
            Assert.Contains("CheckIns:MaxSecondsCap", output);
        }
        finally { Environment.SetEnvironmentVariable("FRIKOMMUNE_CheckIns__MaxSecondsCap", null); }
    }

    [Fact]
    public async Task A_missing_configuration_folder_names_the_file()
    {
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["config", "validate", "--config", "/nonexistent/x"], new StringWriter(), stderr);
        Assert.NotEqual(0, code);
        Assert.Contains("/nonexistent/x/appsettings.json does not exist", stderr.ToString());
    }

    [Fact]
    public async Task Several_problems_give_several_lines()
    {
        var (_, output) = await _site.ValidateConfigAsync("--Site:Id=", "--Mqtt:Port=0", "--Alarms:AckTimeoutSeconds=1");
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public void Dispose() => _site.Dispose();
}
