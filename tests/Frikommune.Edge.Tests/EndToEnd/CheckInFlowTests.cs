using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frikommune.Edge.Tests.Cameras;
using Frikommune.Edge.Tests.Decisions;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using MQTTnet;
using MQTTnet.Protocol;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.EndToEnd;

/// <summary>
/// Situational check-ins through the real gateway: a real MJPEG camera (ffmpeg), a real Mosquitto, real HTTP,
/// the camera indicator on the simulated GPIO. The site's cap is 3 s so the cut at expiry is observed for real.
/// </summary>
public sealed class CheckInFlowTests(SharedBroker broker) : IAsyncLifetime, IClassFixture<SharedBroker>
{
    readonly TestSite _site = new();
    readonly DecisionTestKit _kit = new();
    readonly int _cameraPort = Ffmpeg.FreePort();
    System.Diagnostics.Process? _camera;
    readonly SharedBroker _broker = broker;
    InProcessGateway _gateway = null!;
    MqttProbe _staff = null!;
    StaffDevice _tablet = null!;
    HttpClient _anna = null!;
    HttpClient _tom = null!;
    static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    string P => _site.TopicPrefix;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_site.TrustDirectory, DecisionTestKit.Kid + ".pem"), _kit.Key.ExportSubjectPublicKeyInfoPem());
        _broker.Attach(_site);
        _tablet = new StaffDevice(_site);
        _site.Json["CheckIns"]!["MaxSecondsCap"] = 3;
        _site.Json["Rooms"]![0]!["Camera"] = new System.Text.Json.Nodes.JsonObject { ["Kind"] = "mjpeg", ["Url"] = $"http://127.0.0.1:{_cameraPort}/video.mjpg" };
        _site.Write();
        _staff = await MqttProbe.ConnectAsync(_broker.Port, $"{P}/checkins/#");
        await _staff.PublishAsync($"{P}/decisions/d-video", _kit.Sign(DecisionTestKit.Claims("d-video", nbf: Now.AddDays(-1), exp: Now.AddDays(30))), retain: true);
        _gateway = await InProcessGateway.StartAsync(_site);
        _gateway.AddAnnaAndTom();
        _anna = _gateway.Client("anna", "staff-password");
        _tom = _gateway.Client("tom", "tech-password");
        await Eventually.TrueAsync(async () => (await _tom.GetStringAsync("/api/decisions")).Contains("d-video"), TimeSpan.FromSeconds(10));
    }

    Task<HttpResponseMessage> RequestAsync(string room = "room-12") =>
        _anna.PostAsJsonAsync("/api/checkins", new { room, reason = "råb fra værelset" });

    async Task<string> IndicatorAsync() =>
        (await _tom.GetFromJsonAsync<JsonElement>("/api/sim/gpio/5")).GetProperty("value").GetString()!;

    [Fact]
    public async Task A_granted_check_in_streams_the_camera_until_expiry_with_the_indicator_on_then_closes_and_reports_viewed_seconds()
    {
        _camera = Ffmpeg.ServeMjpeg(_cameraPort);
        await WaitListeningAsync(_cameraPort);
        var response = await RequestAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var grant = await response.Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = grant.GetProperty("sessionId").GetString()!;
        Assert.Equal("high", await IndicatorAsync());
        await _staff.WaitForAsync(m => m.Topic == $"{P}/checkins/{sessionId}" && m.Text.Contains("\"open\""));

        using var viewer = _gateway.Client("anna", "staff-password"); // the stream opens only for the user who asked
        var started = DateTimeOffset.UtcNow;
        using var stream = await viewer.GetAsync(grant.GetProperty("streamUrl").GetString(), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.StartsWith("multipart/x-mixed-replace", stream.Content.Headers.ContentType!.ToString());
        Assert.Contains("no-store", stream.Headers.CacheControl!.ToString());
        var body = await stream.Content.ReadAsByteArrayAsync(); // ends when the gateway closes it at expiresAt
        var elapsed = DateTimeOffset.UtcNow - started;
        Assert.True(elapsed < TimeSpan.FromSeconds(6), $"stream lasted {elapsed}");
        Assert.True(CountJpegs(body) >= 5, $"only {CountJpegs(body)} frames");

        var closed = await _staff.WaitForAsync(m => m.Topic == $"{P}/checkins/{sessionId}" && m.Text.Contains("\"closed\""));
        var viewed = JsonDocument.Parse(closed.Text).RootElement.GetProperty("viewedSeconds").GetDouble();
        Assert.InRange(viewed, 1.0, 3.5);
        Assert.Equal("low", await IndicatorAsync());
        Assert.Equal(HttpStatusCode.Gone, (await viewer.GetAsync(grant.GetProperty("streamUrl").GetString())).StatusCode);
        var refused = await RequestAsync();
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("cooldown", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        var audit = string.Join('\n', new Frikommune.Edge.Storage.AuditReader(_gateway.Service<Frikommune.Edge.Storage.Database>())
            .Read(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).Select(r => r.Entry.Kind + " " + string.Join(',', r.Entry.Details?.Values ?? [])));
        Assert.Contains("checkin-requested", audit);
        Assert.Contains("checkin-closed", audit);
        Assert.Contains("råb fra værelset", audit);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_for_one_room_give_exactly_one_grant()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RequestAsync()));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task A_room_without_a_decision_is_refused_and_an_unknown_room_too()
    {
        var refused = await RequestAsync("room-14");
        Assert.Equal("no-valid-decision", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        var unknown = await RequestAsync("room-99");
        Assert.Equal("unknown-room", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_objection_ends_the_session_at_once_and_refuses_new_ones_until_withdrawn()
    {
        var grant = await (await RequestAsync()).Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = grant.GetProperty("sessionId").GetString()!;
        await _staff.PublishAsync($"{P}/residents/resident-7f3a/objection", _tablet.Sign(new { objects = true, staff = "anna" }));
        var closed = await _staff.WaitForAsync(m => m.Topic == $"{P}/checkins/{sessionId}" && m.Text.Contains("\"closed\""));
        Assert.Equal("low", await IndicatorAsync());
        Assert.Equal("objection", (await (await RequestAsync()).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        var withdrawn = await _anna.PostAsJsonAsync("/api/residents/resident-7f3a/objection", new { objects = false });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("cooldown", (await (await RequestAsync()).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.NotNull(closed);
    }

    [Fact]
    public async Task A_request_over_mqtt_is_answered_on_its_response_topic_with_its_correlation_data()
    {
        var correlation = Encoding.UTF8.GetBytes("corr-1");
        var reply = new TaskCompletionSource<MqttApplicationMessage>();
        _staff.Client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == $"{P}/checkins/response/phone-3") reply.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        await _staff.Client.SubscribeAsync($"{P}/checkins/response/phone-3", MqttQualityOfServiceLevel.AtLeastOnce);
        await _staff.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{P}/checkins/request")
            .WithPayload(_tablet.Sign(new { requestId = "q-1", room = "room-12", staff = "anna", reason = "alarm" }))
            .WithResponseTopic($"{P}/checkins/response/phone-3").WithCorrelationData(correlation)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var message = await reply.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(correlation, message.CorrelationData);
        var answer = JsonDocument.Parse(Encoding.UTF8.GetString(message.Payload)).RootElement;
        Assert.True(answer.GetProperty("granted").GetBoolean());
        Assert.Equal("q-1", answer.GetProperty("requestId").GetString());
        Assert.Contains("/checkins/", answer.GetProperty("streamUrl").GetString());

        await _staff.PublishAsync($"{P}/checkins/request", _tablet.Sign(new { requestId = "q-2", room = "room-12", staff = "anna" }));
        var second = await _staff.WaitForAsync(m => m.Topic == $"{P}/checkins/response/q-2");
        Assert.Contains("\"reason\":\"busy\"", second.Text);
    }

    /// <summary>ffmpeg serves exactly one client, so a probing connection would use it up: read the kernel's socket table instead.</summary>
    static async Task WaitListeningAsync(int port)
    {
        var needle = $":{port:X4} 00000000:0000 0A";
        await Eventually.TrueAsync(async () => (await File.ReadAllTextAsync("/proc/net/tcp")).Contains(needle), TimeSpan.FromSeconds(10), $"ffmpeg listening on {port}");
    }

    static int CountJpegs(byte[] body)
    {
        var count = 0;
        for (var i = 0; i + 2 < body.Length; i++)
            if (body[i] == 0xFF && body[i + 1] == 0xD8 && body[i + 2] == 0xFF) count++;
        return count;
    }

    public async Task DisposeAsync()
    {
        if (_camera is not null) Ffmpeg.Stop(_camera);
        _anna.Dispose();
        _tom.Dispose();
        await _staff.DisposeAsync();
        await _gateway.DisposeAsync();
        _kit.Dispose();
        _tablet.Dispose();
        _site.Dispose();
    }
}
