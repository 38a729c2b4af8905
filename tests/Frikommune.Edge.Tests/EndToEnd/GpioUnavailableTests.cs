using System.Net.Http.Json;
using System.Text.Json;
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
}
