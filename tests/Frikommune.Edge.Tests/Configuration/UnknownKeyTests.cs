using Frikommune.Edge.Cli;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Frikommune.Edge.Tests.Configuration;

public sealed class UnknownKeyTests : IDisposable
{
    readonly TestSite _site = new();

    [Theory]
    [InlineData("--Alarms:AckTimeoutSecond=60", "Alarms:AckTimeoutSecond: is not a setting the gateway knows; did you mean Alarms:AckTimeoutSeconds?")]
    [InlineData("--Alarm:AckTimeoutSeconds=60", "Alarm: is not a setting the gateway knows; did you mean Alarms?")]
    [InlineData("--Doors:0:Pins:Lok=5", "Doors:0:Pins:Lok: is not a setting the gateway knows; did you mean Doors:0:Pins:Lock?")]
    [InlineData("--Notify:Receivers:0:CallAdress=12", "Notify:Receivers:0:CallAdress: is not a setting the gateway knows; did you mean Notify:Receivers:0:CallAddress?")]
    [InlineData("--Site:Colour=blue", "Site:Colour: is not a setting the gateway knows")]
    [InlineData("--Mqtt:Port:Number=1", "Mqtt:Port:Number: is not a setting the gateway knows")]
    public async Task Config_validate_names_an_unknown_key_and_the_known_one_it_resembles(string setting, string expected)
    {
        var (code, output) = await _site.ValidateConfigAsync(setting);
        Assert.NotEqual(0, code);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task A_far_fetched_key_gets_no_suggestion()
    {
        var (_, output) = await _site.ValidateConfigAsync("--Site:Colour=blue");
        Assert.DoesNotContain("did you mean", output);
    }

    [Fact]
    public async Task A_key_in_the_wrong_case_is_known_as_net_configuration_ignores_case()
    {
        var (code, output) = await _site.ValidateConfigAsync("--alarms:acktimeoutseconds=60");
        Assert.Equal("ok", output.Trim());
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Serilog_settings_are_the_logger_s_to_judge()
    {
        var (code, output) = await _site.ValidateConfigAsync("--Serilog:MinimumLevel:Default=Debug");
        Assert.Equal("ok", output.Trim());
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task The_known_keys_are_every_property_of_the_bound_options_types()
    {
        // Settings the example configuration does not use, at every depth: a nested optional object, a list of strings, a list in a list.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Http:Certificate:KeyPath"] = "k.pem", ["Http:MetricsToken"] = "t", ["Mqtt:DeviceKeysPath"] = "devices",
            ["Notify:Receivers:0:Kinds:0"] = "seizure", ["Rooms:1:Sensors:2:Format"] = "native", ["Doors:0:Pins:LockHeartbeat"] = "9",
            ["Clock:ToleranceSeconds"] = "60", ["Simulation:DemoDecisions"] = "true",
        }).Build();
        await using var services = GatewayComposition.ForCommand(_site.Settings());
        Assert.Empty(ConfigurationCheck.UnknownKeys(configuration, services.GetServices<BoundSection>()));
    }

    [Fact]
    public async Task The_running_gateway_warns_of_an_unknown_key_and_still_starts()
    {
        _site.Json["Alarms"]!["AckTimeoutSecond"] = 60;
        _site.Write();
        await using var gateway = await InProcessGateway.StartAsync(_site);
        var logs = Path.Combine(_site.DataDirectory, "logs");
        string Log() => string.Concat(Directory.EnumerateFiles(logs).Select(f =>
        {
            using var reader = new StreamReader(new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            return reader.ReadToEnd();
        }));
        await Eventually.TrueAsync(() => Directory.Exists(logs) && Log().Contains("did you mean Alarms:AckTimeoutSeconds?"), TimeSpan.FromSeconds(10), "the warning in the log");
        Assert.Contains("[WRN] Frikommune.Edge.Hosting.GatewayLifecycle: Configuration: Alarms:AckTimeoutSecond: is not a setting", Log());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await gateway.Client().GetAsync("/healthz")).StatusCode);
    }

    public void Dispose() => _site.Dispose();
}
