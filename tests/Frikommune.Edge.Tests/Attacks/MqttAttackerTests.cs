using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Objections;
using Frikommune.Edge.Tests.Decisions;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using MQTTnet;
using MQTTnet.Protocol;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Attacks;

/// <summary>
/// Issue 15, the MQTT rows: an anonymous client on the care home's broker (Mosquitto allowing anonymous clients, as
/// most sites start) tries to watch, release, acknowledge and record, and to fill the audit trail. Each attempt is
/// refused, nothing happens, and the trail holds at most one record per refused kind and source.
/// </summary>
public sealed class MqttAttackerTests : IAsyncLifetime
{
    const int Attempts = 20;
    readonly TestSite _site = new();
    readonly DecisionTestKit _kit = new();
    readonly ECDsa _mallory = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    Mosquitto _broker = null!;
    InProcessGateway _gateway = null!;
    MqttProbe _attacker = null!;
    StaffDevice _tablet = null!;
    HttpClient _anna = null!;
    static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    string P => _site.TopicPrefix;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_site.TrustDirectory, DecisionTestKit.Kid + ".pem"), _kit.Key.ExportSubjectPublicKeyInfoPem());
        _broker = await Mosquitto.StartAsync(persistent: true);
        _site.UseBroker(_broker.Port);
        _tablet = new StaffDevice(_site);
        _attacker = await MqttProbe.ConnectAsync(_broker.Port, "#");
        await _attacker.PublishAsync($"{P}/decisions/d-sleep", _kit.Sign(DecisionTestKit.Claims("d-sleep", nbf: Now.AddDays(-1), exp: Now.AddDays(30))), retain: true);
        await _attacker.PublishAsync($"{P}/decisions/d-door", _kit.Sign(new Dictionary<string, object?>(DecisionTestKit.DoorClaims("d-door"))
        {
            ["nbf"] = Now.AddDays(-1).ToUnixTimeSeconds(), ["exp"] = Now.AddDays(30).ToUnixTimeSeconds(),
        }), retain: true);
        _gateway = await StartGatewayAsync();
        _refused = _gateway.Service<GatewayMetrics>().Collect(StaffCommandVerifier.RefusedMetric);
        _dropped = _gateway.Service<GatewayMetrics>().Collect(InboundDispatcher.DroppedMetric);
        _rejectedAgain = _gateway.Service<GatewayMetrics>().Collect(DecisionTopics.RejectedAgainMetric);
        _gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "staff-password");
        _gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
        _anna = _gateway.Client("anna", "staff-password");
        await _attacker.WaitForAsync(m => m.Topic == $"{P}/doors/door-west/state" && m.Text.Contains("special-opener"), TimeSpan.FromSeconds(20));
    }

    async Task<InProcessGateway> StartGatewayAsync()
    {
        var gateway = await InProcessGateway.StartAsync(_site);
        await Eventually.TrueAsync(() => gateway.Service<DecisionRegistry>().Count >= 2, TimeSpan.FromSeconds(15), "decisions imported");
        await gateway.Service<MqttConnection>().WhenConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        return gateway;
    }

    MetricCollector<long> _refused = null!, _dropped = null!, _rejectedAgain = null!;
    long Refused(string reason) => _refused.Sum(("reason", reason));
    List<AuditRecord> Audit() => _gateway.Service<AuditReader>().ReadAfter(0, 100_000).ToList();

    async Task RefusedAtLeastAsync(string reason, long count) =>
        await Eventually.TrueAsync(() => Refused(reason) >= count, TimeSpan.FromSeconds(20), $"{count} commands refused {reason} (so far {Refused(reason)})");

    string Forged(object fields, string kid) => TokenSigner.Sign(_mallory, kid, new Dictionary<string, object?>(
        JsonSerializer.SerializeToElement(fields).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value))
    {
        ["iss"] = kid, ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["jti"] = Guid.NewGuid().ToString("N"),
    });

    async Task<string> RaiseSeizureAsync()
    {
        await _attacker.PublishAsync($"{P}/sensors/bed-12", """{"event":"seizure"}""");
        var raised = await _attacker.WaitForAsync(m => m.Topic.StartsWith($"{P}/alarms/") && m.Text.Contains("\"kind\":\"seizure\""));
        return JsonDocument.Parse(raised.Text).RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Unsigned_forged_wrong_kid_stale_and_replayed_commands_are_refused_and_nothing_is_released_acknowledged_or_recorded()
    {
        var alarm = await RaiseSeizureAsync();
        var commands = new (string Topic, object Fields)[]
        {
            ($"{P}/alarms/{alarm}/ack", new { staff = "mallory" }),
            ($"{P}/alarms/{alarm}/resolve", new { staff = "mallory" }),
            ($"{P}/doors/door-west/command", new { command = "release", staff = "mallory", seconds = 300 }),
            ($"{P}/residents/resident-7f3a/objection", new { objects = true, staff = "mallory" }),
            ($"{P}/checkins/request", new { requestId = "r1", room = "room-12", staff = "mallory", reason = "just looking" }),
        };
        var stolen = _tablet.Sign(new { staff = "anna" }, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-10)); // captured ten minutes ago
        for (var i = 0; i < Attempts; i++)
        {
            foreach (var (topic, fields) in commands)
            {
                await _attacker.PublishAsync(topic, JsonSerializer.Serialize(fields));
                await _attacker.PublishAsync(topic, Forged(fields, _tablet.Id));
                await _attacker.PublishAsync(topic, Forged(fields, "mallory-phone"));
                await _attacker.PublishAsync(topic, "eyJhbGciOiJub25lIiwia2lkIjoidGFibGV0LTEifQ." + Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"staff":"mallory"}""")).TrimEnd('=') + ".");
            }
            await _attacker.PublishAsync($"{P}/alarms/{alarm}/ack", stolen);
        }
        var n = Attempts * commands.Length;
        await RefusedAtLeastAsync("unsigned", n);
        await RefusedAtLeastAsync("bad-signature", n);
        await RefusedAtLeastAsync("unknown-key", n);
        await RefusedAtLeastAsync("alg-not-allowed", n);
        await RefusedAtLeastAsync("stale", Attempts);

        // A real command from the tablet, then the same token replayed by whoever read it on the broker, on two topics.
        var ack = _tablet.Sign(new { staff = "anna" });
        await _attacker.PublishAsync($"{P}/alarms/{alarm}/ack", ack);
        await _attacker.WaitForAsync(m => m.Topic == $"{P}/alarms/{alarm}" && m.Text.Contains("acknowledged"));
        await _attacker.PublishAsync($"{P}/alarms/{alarm}/resolve", ack);
        await _attacker.PublishAsync($"{P}/alarms/{alarm}/ack", ack);
        await RefusedAtLeastAsync("replayed", 2);

        var alarms = await _anna.GetFromJsonAsync<JsonElement>("/api/alarms");
        var open = Assert.Single(alarms.EnumerateArray());
        Assert.Equal("acknowledged", open.GetProperty("state").GetString()); // not resolved by the replay
        Assert.Equal("anna", open.GetProperty("ackedBy").GetString());
        using var tom = _gateway.Client("tom", "tech-password");
        Assert.Equal("high", (await tom.GetFromJsonAsync<JsonElement>("/api/sim/gpio/23")).GetProperty("value").GetString()); // still locked
        Assert.False(_gateway.Service<ObjectionBook>().HasObjection("resident-7f3a"));
        Assert.DoesNotContain(_attacker.Messages, m => m.Topic.StartsWith($"{P}/checkins/response/"));

        var audit = Audit();
        Assert.DoesNotContain(audit, r => r.Entry.Kind is "checkin-requested" or "objection-recorded" or "door-released");
        Assert.DoesNotContain(audit, r => JsonSerializer.Serialize(r.Entry).Contains("mallory"));
        var refused = audit.Where(r => r.Entry.Kind == StaffCommandVerifier.AuditKind).ToList();
        var perKindAndSource = refused.GroupBy(r => (r.Entry.Details!["reason"], r.Entry.Actor)).ToList();
        Assert.All(perKindAndSource, g => Assert.Single(g));
        Assert.Equal(
            [("alg-not-allowed", "mqtt:unknown"), ("bad-signature", "device:tablet-1"), ("replayed", "device:tablet-1"), ("stale", "device:tablet-1"),
             ("unknown-key", "mqtt:unknown"), ("unsigned", "mqtt:unknown")],
            perKindAndSource.Select(g => g.Key).Order().ToList());
    }

    [Fact]
    public async Task A_reply_read_on_the_broker_does_not_open_the_camera_only_the_requesting_device_s_signature_does()
    {
        await _attacker.PublishAsync($"{P}/checkins/request", _tablet.Sign(new { requestId = "q-1", room = "room-12", staff = "anna", reason = "alarm" }));
        var reply = JsonDocument.Parse((await _attacker.WaitForAsync(m => m.Topic == $"{P}/checkins/response/q-1")).Text).RootElement;
        Assert.True(reply.GetProperty("granted").GetBoolean());
        var url = reply.GetProperty("streamUrl").GetString()!;
        var token = System.Web.HttpUtility.ParseQueryString(url[url.IndexOf('?')..])["token"]!;
        using var anonymous = _gateway.Client();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(url)).StatusCode);
        var malloryUrl = url + "&sig=" + CompactJws.Encode(_mallory.SignData(Encoding.ASCII.GetBytes(token), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(malloryUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _anna.GetAsync(url)).StatusCode); // a logged-in user is not the device
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(url + "&sig=" + new string('A', 86))).StatusCode);
        var sessionId = reply.GetProperty("sessionId").GetString()!;
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync($"/checkins/nope/stream?token={token}&sig=x")).StatusCode);

        // None of that used the token up: the device that asked can watch.
        using var watch = await anonymous.GetAsync(_tablet.SignedStreamUrl(url), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        Assert.Equal("multipart/x-mixed-replace", watch.Content.Headers.ContentType!.MediaType);
        Assert.Contains(sessionId, url);
    }

    [Fact]
    public async Task An_http_grant_opens_only_for_the_user_who_asked()
    {
        var grant = await (await _anna.PostAsJsonAsync("/api/checkins", new { room = "room-12", reason = "alarm" })).Content.ReadFromJsonAsync<JsonElement>();
        var url = grant.GetProperty("streamUrl").GetString()!;
        using var anonymous = _gateway.Client();
        using var tom = _gateway.Client("tom", "tech-password");
        using var wrongPassword = _gateway.Client("anna", "guess");
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tom.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrongPassword.GetAsync(url)).StatusCode);
        using var watch = await _anna.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
    }

    [Fact]
    public async Task A_response_topic_outside_the_check_in_prefix_is_not_used()
    {
        foreach (var (id, asked) in new[] { ("q-status", $"{P}/status"), ("q-other", "elsewhere/replies"), ("q-wild", $"{P}/checkins/response/#") })
        {
            await _attacker.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"{P}/checkins/request")
                .WithPayload(_tablet.Sign(new { requestId = id, room = "room-14", staff = "anna" }))
                .WithResponseTopic(asked).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await _attacker.WaitForAsync(m => m.Topic == $"{P}/checkins/response/{id}");
        }
        Assert.DoesNotContain(_attacker.Messages, m => m.Text.Contains("requestId") && !m.Topic.StartsWith($"{P}/checkins/response/q-"));
    }

    [Fact]
    public async Task A_flood_of_60_KB_reasons_adds_a_bounded_handful_of_audit_bytes()
    {
        var before = Audit();
        var reason = new string('x', 60 * 1024 - 100);
        for (var i = 0; i < 200; i++)
        {
            await _attacker.PublishAsync($"{P}/checkins/request", JsonSerializer.Serialize(new { requestId = $"r{i}", room = "room-12", staff = "mallory", reason }));
            await _attacker.PublishAsync($"{P}/checkins/request", Forged(new { requestId = $"s{i}", room = "room-12", staff = "mallory", reason = reason[..(8 * 1024)] }, "mallory-phone"));
        }
        var dropped = () => _dropped.GetMeasurementSnapshot().Where(m => m.Tags["topic"] is string t && t.Contains("checkins/request")).Sum(m => m.Value);
        await Eventually.TrueAsync(() => Refused("malformed") + Refused("unknown-key") + dropped() >= 400, TimeSpan.FromSeconds(30), "400 requests handled");
        var added = Audit().Skip(before.Count).ToList();
        var bytes = added.Sum(r => AuditPayload.Serialize(r).Length);
        Assert.True(added.Count <= 2, $"{added.Count} records added");
        Assert.True(bytes < 2048, $"{bytes} audit bytes added");
        Assert.Empty(_gateway.Service<Frikommune.Edge.CheckIns.CheckInGate>().OpenSessions());
        Console.WriteLine($"[figure] 400 anonymous requests with 60 KB / 8 KB reasons added {added.Count} audit records, {bytes} bytes");
    }

    [Fact]
    public async Task Retained_garbage_decisions_are_audited_once_not_again_at_every_reconnect()
    {
        await using (var municipality = await MqttProbe.ConnectAsync(_broker.Port))
        {
            for (var i = 0; i < 100; i++)
                await municipality.PublishAsync($"{P}/decisions/garbage-{i}", $"garbage-{i}", retain: true);
            for (var i = 0; i < 3; i++)
            {
                var claims = DecisionTestKit.Claims($"d-other-{i}", nbf: Now.AddDays(-1), exp: Now.AddDays(30));
                claims["site"] = "another-site";
                await municipality.PublishAsync($"{P}/decisions/d-other-{i}", _kit.Sign(claims), retain: true);
            }
        }
        int Rejected() => Audit().Count(r => r.Entry.Kind == DecisionAuditKinds.Rejected);
        await Eventually.TrueAsync(() => Rejected() >= 4, TimeSpan.FromSeconds(20), "rejections audited");
        await SentinelAsync("d-late-1");
        var first = Rejected();
        Assert.Equal(4, first); // one for the 100 unsigned (per reason a minute), one per signed token

        for (var reconnect = 2; reconnect <= 3; reconnect++)
        {
            await _broker.StopAsync();
            await _broker.StartAsync();
            var again = 103 * (reconnect - 1);
            await Eventually.TrueAsync(() => _rejectedAgain.Sum() >= again, TimeSpan.FromSeconds(30),
                $"{again} retained rejections seen again");
            await SentinelAsync($"d-late-{reconnect}");
        }
        Assert.Equal(first, Rejected());
    }

    [Fact]
    public async Task A_retained_decision_rejected_for_an_unknown_key_is_accepted_after_a_reconnect_once_the_key_is_trusted()
    {
        using var nævnet = new DecisionTestKit();
        await using (var municipality = await MqttProbe.ConnectAsync(_broker.Port))
            await municipality.PublishAsync($"{P}/decisions/d-new", nævnet.Sign(DecisionTestKit.Claims("d-new", nbf: Now.AddDays(-1), exp: Now.AddDays(30)), kid: "naevnet-2026"), retain: true);
        await Eventually.TrueAsync(() => Audit().Any(r => r.Entry.Kind == DecisionAuditKinds.Rejected), TimeSpan.FromSeconds(20), "rejected");
        File.WriteAllText(Path.Combine(_site.TrustDirectory, "naevnet-2026.pem"), nævnet.Key.ExportSubjectPublicKeyInfoPem());
        await _broker.StopAsync();
        await _broker.StartAsync();
        await Eventually.TrueAsync(() => Audit().Any(r => r.Entry.Kind == DecisionAuditKinds.Imported && r.Entry.Refs.Decision == "d-new"),
            TimeSpan.FromSeconds(30), "d-new imported after the reconnect");
    }

    /// <summary>A valid decision published after the retained ones: once it is imported, the retained ones were handled.</summary>
    async Task SentinelAsync(string id)
    {
        await using var municipality = await MqttProbe.ConnectAsync(_broker.Port);
        await municipality.PublishAsync($"{P}/decisions/{id}", _kit.Sign(DecisionTestKit.Claims(id, nbf: Now.AddDays(-1), exp: Now.AddDays(30))), retain: true);
        await Eventually.TrueAsync(() => Audit().Any(r => r.Entry.Kind == DecisionAuditKinds.Imported && r.Entry.Refs.Decision == id),
            TimeSpan.FromSeconds(30), $"{id} imported");
    }

    public async Task DisposeAsync()
    {
        _anna.Dispose();
        await _attacker.DisposeAsync();
        await _gateway.DisposeAsync();
        _broker.Dispose();
        _kit.Dispose();
        _tablet.Dispose();
        _mallory.Dispose();
        _site.Dispose();
    }
}
