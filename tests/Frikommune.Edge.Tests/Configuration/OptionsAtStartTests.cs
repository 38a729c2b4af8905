using Frikommune.Edge.Cli;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Frikommune.Edge.Tests.Configuration;

/// <summary>Each section is bound once in the container and validated when the host starts, with the lines <c>config validate</c> prints.</summary>
public sealed class OptionsAtStartTests : IDisposable
{
    readonly TestSite _site = new();

    [Fact]
    public async Task The_host_refuses_to_start_with_an_invalid_section_naming_the_key()
    {
        await using var app = GatewayHost.Build(_site.Settings(false, "--Alarms:AckTimeoutSeconds=1"), TimeProvider.System);
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Equal(["Alarms:AckTimeoutSeconds: must be 5-3600"], refused.Failures);
    }

    [Fact]
    public async Task Every_section_is_bound_once_and_the_whole_view_is_made_of_the_same_objects()
    {
        await using var services = GatewayComposition.ForCommand(_site.Settings(false, "--Alarms:AckTimeoutSeconds=42"));
        var alarms = services.GetRequiredService<IOptions<AlarmsOptions>>().Value;
        Assert.Equal(42, alarms.AckTimeoutSeconds);
        Assert.Same(alarms, services.GetRequiredService<AlarmsOptions>());
        Assert.Same(alarms, services.GetRequiredService<GatewayOptions>().Alarms);
        Assert.Same(services.GetRequiredService<DoorList>(), services.GetRequiredService<GatewayOptions>().Doors);
        Assert.Equal("door-west", services.GetRequiredService<DoorList>()[0].Id);
    }

    [Fact]
    public async Task A_room_pin_used_by_a_door_is_named_by_the_rooms_validator()
    {
        await using var services = GatewayComposition.ForCommand(_site.Settings(false, "--Rooms:0:Pins:CameraIndicator=24"));
        Assert.Equal(["Rooms:0:Pins:CameraIndicator: pin 24 is also used by Doors:0:Pins:Sounder"], ConfigurationCheck.Problems(services));
    }

    [Fact]
    public async Task A_missing_trust_folder_fails_config_validate_but_no_other_command()
    {
        Directory.Delete(_site.TrustDirectory, recursive: true);
        var stdout = new StringWriter();
        Assert.Equal(CommandLine.Failed, await CommandLine.RunAsync(["config", "validate", "--config", _site.ConfigDirectory], stdout, new StringWriter()));
        Assert.Equal($"Decisions:TrustedKeysPath: folder {_site.TrustDirectory} does not exist", stdout.ToString().Trim());
        Assert.Equal(CommandLine.Ok, await CommandLine.RunAsync(["users", "list", "--config", _site.ConfigDirectory], new StringWriter(), new StringWriter()));
    }

    public void Dispose() => _site.Dispose();
}
