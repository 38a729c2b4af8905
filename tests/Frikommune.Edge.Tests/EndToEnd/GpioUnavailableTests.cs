using System.Net.Http.Json;
using System.Text.Json;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.EndToEnd;

public sealed class GpioUnavailableTests
{
    [Fact]
    public async Task Without_gpio_the_gateway_keeps_running_with_the_door_in_fault_and_a_technical_alarm()
    {
        using var site = new TestSite();
        site.Json["Gpio"]!["Driver"] = "sysfs";
        site.Json["Gpio"]!["Chip"] = 7;
        site.Write();
        await using var gateway = await InProcessGateway.StartAsync(site);
        gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
        using var tom = gateway.Client("tom", "tech-password");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await gateway.Client().GetAsync("/healthz")).StatusCode);
        var status = await tom.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.False(status.GetProperty("parts").GetProperty("gpio").GetProperty("ok").GetBoolean());
        Assert.Equal("fault", status.GetProperty("parts").GetProperty("doors")[0].GetProperty("mode").GetString());
        await Eventually.TrueAsync(async () => (await tom.GetStringAsync("/api/alarms")).Contains("\"kind\":\"technical\""), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task One_gpio_fault_raises_one_technical_alarm_per_door_labelled_gpio()
    {
        using var site = new TestSite();
        site.Json["Gpio"]!["Driver"] = "sysfs";
        site.Json["Gpio"]!["Chip"] = 7;
        site.Write();
        await using var gateway = await InProcessGateway.StartAsync(site);
        var desk = gateway.Service<AlarmDesk>();
        // The pump takes its events in order: once this fence is on the desk, everything the start queued is too.
        gateway.Service<DoorEventPump>().RaiseTechnical("fence", "test-fence", "fence");
        await Eventually.TrueAsync(() => desk.Open().Any(a => a.Door == "fence"), TimeSpan.FromSeconds(10), "fence alarm");

        var alarm = Assert.Single(desk.Open(), a => a.Door == "door-west");
        Assert.Equal((AlarmKind.Technical, "gpio", AlarmPriority.High), (alarm.Kind, alarm.Source, alarm.Priority));
    }
}
