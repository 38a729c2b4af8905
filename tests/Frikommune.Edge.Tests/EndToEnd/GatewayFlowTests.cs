using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frikommune.Edge.Tests.Decisions;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Microsoft.Data.Sqlite;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.EndToEnd;

/// <summary>
/// The gateway in process on real HTTP, a real Mosquitto, the real GpioController over the simulated driver.
/// Decisions arrive as retained MQTT messages signed with a key made here.
/// </summary>
public sealed class GatewayFlowTests(SharedBroker broker) : IAsyncLifetime, IClassFixture<SharedBroker>
{
    readonly TestSite _site = new();
    readonly DecisionTestKit _kit = new();
    readonly SharedBroker _broker = broker;
    InProcessGateway _gateway = null!;
    MqttProbe _staff = null!;
    StaffDevice _tablet = null!;
    HttpClient _tech = null!;
    static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    string P => _site.TopicPrefix;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_site.TrustDirectory, DecisionTestKit.Kid + ".pem"), _kit.Key.ExportSubjectPublicKeyInfoPem());
        _broker.Attach(_site);
        _tablet = new StaffDevice(_site);
        _staff = await MqttProbe.ConnectAsync(_broker.Port, $"{P}/alarms/#", $"{P}/doors/#", $"{P}/status");
        // Decisions retained before the gateway starts: picked up on subscribe.
        await _staff.PublishAsync($"{P}/decisions/d-sleep", _kit.Sign(DecisionTestKit.Claims("d-sleep", nbf: Now.AddDays(-1), exp: Now.AddDays(30))), retain: true);
        await _staff.PublishAsync($"{P}/decisions/d-door", _kit.Sign(new Dictionary<string, object?>(DecisionTestKit.DoorClaims("d-door"))
        {
            ["nbf"] = Now.AddDays(-1).ToUnixTimeSeconds(), ["exp"] = Now.AddDays(30).ToUnixTimeSeconds(),
        }), retain: true);
        _gateway = await InProcessGateway.StartAsync(_site);
        _gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
        _tech = _gateway.Client("tom", "tech-password");
        await _staff.WaitForAsync(m => m.Topic == $"{P}/doors/door-west/state" && m.Text.Contains("special-opener"), TimeSpan.FromSeconds(20));
    }

    Task SensorAsync(string topic, string payload) => _staff.PublishAsync(topic, payload);

    async Task SetPinAsync(int pin, string value) =>
        (await _tech.PutAsJsonAsync($"/api/sim/gpio/{pin}", new { value })).EnsureSuccessStatusCode();

    async Task<string> PinAsync(int pin) => (await _tech.GetFromJsonAsync<JsonElement>($"/api/sim/gpio/{pin}")).GetProperty("value").GetString()!;

    [Fact]
    public async Task A_seizure_on_a_monitored_bed_raises_a_high_alarm_that_staff_acknowledge_over_mqtt()
    {
        await SensorAsync($"{P}/sensors/bed-12", """{"event":"seizure"}""");
        var raised = await _staff.WaitForAsync(m => m.Text.Contains("\"kind\":\"seizure\""));
        var alarm = JsonDocument.Parse(raised.Text).RootElement;
        Assert.Equal("high", alarm.GetProperty("priority").GetString());
        Assert.Equal("room-12", alarm.GetProperty("room").GetString());
        var id = alarm.GetProperty("id").GetString()!;
        await using (var late = await MqttProbe.ConnectAsync(_broker.Port, $"{P}/alarms/{id}"))
            Assert.True((await late.WaitForAsync(m => m.Topic == $"{P}/alarms/{id}")).Retain); // retained while open
        await _staff.PublishAsync($"{P}/alarms/{id}/ack", _tablet.Sign(new { staff = "anna" }));
        var acked = await _staff.WaitForAsync(m => m.Topic == $"{P}/alarms/{id}" && m.Text.Contains("acknowledged"));
        Assert.Contains("\"ackedBy\":\"anna\"", acked.Text);
        var resolved = await _tech.PostAsync($"/api/alarms/{id}/resolve", null);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await _staff.WaitForAsync(m => m.Topic == $"{P}/alarms/{id}" && m.Payload.Length == 0);
        Assert.Equal("[]", (await _tech.GetStringAsync("/api/alarms")).Trim());
    }

    [Fact]
    public async Task A_seizure_on_a_bed_without_a_decision_raises_nothing_and_stores_nothing()
    {
        await SensorAsync("zigbee2mqtt/mat-14", """{"occupancy":false}""");
        await SensorAsync($"{P}/sensors/bed-12", """{"event":"in-bed"}"""); // a marker the gateway does act on
        var metrics = "";
        await Eventually.TrueAsync(async () => (metrics = await _tech.GetStringAsync("/metrics")).Contains("frikommune_sensor_events{outcome=\"dropped\",sensor=\"mat-14\"} 1"),
            TimeSpan.FromSeconds(10), "mat-14 dropped");
        Assert.Contains("frikommune_sensor_events{outcome=\"dropped\",sensor=\"mat-14\"} 1", metrics);
        Assert.DoesNotContain(_staff.Messages, m => m.Text.Contains("room-14"));
        using var connection = new SqliteConnection($"Data Source={_site.DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM alarms WHERE room = 'room-14'";
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public async Task A_single_press_at_a_special_opener_door_raises_door_assistance_and_a_pair_releases_the_lock()
    {
        Assert.Equal("high", await PinAsync(23)); // locked
        await SetPinAsync(17, "low");
        await SetPinAsync(17, "high");
        var assistance = await _staff.WaitForAsync(m => m.Text.Contains("\"kind\":\"door-assistance\""));
        Assert.Contains("\"door\":\"door-west\"", assistance.Text);
        Assert.Equal("high", await PinAsync(23));
        await SetPinAsync(17, "low");
        await SetPinAsync(27, "low");
        Assert.Equal("low", await PinAsync(23)); // released by the pair
        await SetPinAsync(17, "high");
        await SetPinAsync(27, "high");
        await _staff.WaitForAsync(m => m.Topic == $"{P}/doors/door-west/state" && m.Text.Contains("\"locked\":false"));
    }

    [Fact]
    public async Task A_press_after_staff_answered_the_door_s_call_reaches_staff_as_a_new_alarm()
    {
        _gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "staff-password");
        using var anna = _gateway.Client("anna", "staff-password");
        await SetPinAsync(17, "low");
        await SetPinAsync(17, "high");
        var first = JsonDocument.Parse((await _staff.WaitForAsync(m => m.Text.Contains("\"kind\":\"door-assistance\""))).Text)
            .RootElement.GetProperty("id").GetString()!;
        (await anna.PostAsync($"/api/alarms/{first}/ack", null)).EnsureSuccessStatusCode();
        await _staff.WaitForAsync(m => m.Topic == $"{P}/alarms/{first}" && m.Text.Contains("\"state\":\"acknowledged\""));

        await SetPinAsync(17, "low"); // the resident tries again; the answered alarm is still open
        await SetPinAsync(17, "high");
        var again = await _staff.WaitForAsync(m => m.Text.Contains("\"kind\":\"door-assistance\"") && !m.Topic.EndsWith(first, StringComparison.Ordinal));
        Assert.Contains("\"state\":\"raised\"", again.Text);
    }

    [Fact]
    public async Task Staff_release_over_http_and_mqtt()
    {
        var response = await _tech.PostAsJsonAsync("/api/doors/door-west/release", new { seconds = 10 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("low", await PinAsync(23));
        Assert.Equal(HttpStatusCode.BadRequest, (await _tech.PostAsJsonAsync("/api/doors/door-west/release", new { seconds = 900 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _tech.PostAsJsonAsync("/api/doors/nope/release", new { seconds = 5 })).StatusCode);
    }

    [Fact]
    public async Task The_fire_input_releases_the_door_and_raises_a_fire_alarm()
    {
        await SetPinAsync(25, "low");
        Assert.Equal("low", await PinAsync(23));
        await _staff.WaitForAsync(m => m.Text.Contains("\"kind\":\"fire-release\""));
        await _staff.WaitForAsync(m => m.Topic == $"{P}/doors/door-west/state" && m.Text.Contains("fire-release"));
    }

    [Fact]
    public async Task A_revocation_over_mqtt_frees_the_door_at_once()
    {
        await _staff.WaitForAsync(m => m.Topic == $"{P}/doors/door-west/state" && m.Text.Contains("\"mode\":\"special-opener\""));
        var before = _staff.Messages.Count;
        await _staff.PublishAsync($"{P}/revocations/r-1", _kit.Sign(DecisionTestKit.RevocationClaims("d-door", "r-1")), retain: true);
        // Only a state published after the revocation counts: the door was free before its decision was loaded too.
        await Eventually.TrueAsync(() => _staff.Messages.Skip(before).Any(m => m.Topic == $"{P}/doors/door-west/state" && m.Text.Contains("\"mode\":\"free\"")),
            TimeSpan.FromSeconds(15), "door-west free after the revocation");
        var decisions = await _tech.GetFromJsonAsync<JsonElement>("/api/decisions");
        Assert.Contains(decisions.EnumerateArray(), d => d.GetProperty("id").GetString() == "d-door" && d.GetProperty("state").GetString() == "revoked");
    }

    public async Task DisposeAsync()
    {
        _tech.Dispose();
        await _staff.DisposeAsync();
        await _gateway.DisposeAsync();
        _kit.Dispose();
        _tablet.Dispose();
        _site.Dispose();
    }
}
