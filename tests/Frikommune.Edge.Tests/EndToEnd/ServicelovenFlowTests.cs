using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Cli;
using Frikommune.Edge.Tests.Decisions;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Microsoft.Data.Sqlite;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.EndToEnd;

/// <summary>
/// Today's law through the real gateway (real HTTP, SQLite, simulated GPIO): kamerakig decided by Det Socialfaglige
/// Nævn's key under SEL§128b-1, refused where the room has no indicator, and objections that suspend or not.
/// </summary>
public sealed class ServicelovenFlowTests : IAsyncLifetime
{
    const string Naevn = "naevn-2026";
    readonly TestSite _site = new();
    readonly DecisionTestKit _kit = new();
    InProcessGateway _gateway = null!;
    HttpClient _anna = null!;
    HttpClient _tom = null!;
    string _importOutput = "";
    static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public async Task InitializeAsync()
    {
        var pem = _kit.Key.ExportSubjectPublicKeyInfoPem();
        File.WriteAllText(Path.Combine(_site.TrustDirectory, DecisionTestKit.Kid + ".pem"), pem);
        File.WriteAllText(Path.Combine(_site.TrustDirectory, Naevn + ".pem"), pem);
        File.WriteAllText(Path.Combine(_site.TrustDirectory, Naevn + ".json"), """{"issuer":"Det Socialfaglige Nævn","bases":["SEL§128b-1"]}""");
        _site.Json["Rooms"]![1]!["Pins"] = new System.Text.Json.Nodes.JsonObject(); // room-14 has no CameraIndicator
        _site.Write();
        _importOutput = Import(
            ("kig-12.jws", Kamerakig("d-kig-12", "resident-7f3a", "room-12", "continues"), Naevn),
            ("kig-14.jws", Kamerakig("d-kig-14", "resident-2b91", "room-14", null), Naevn),
            ("kig-muni.jws", Kamerakig("d-kig-muni", "resident-2b91", "room-14", null), DecisionTestKit.Kid));
        _gateway = await InProcessGateway.StartAsync(_site);
        _gateway.AddAnnaAndTom();
        _anna = _gateway.Client("anna", "staff-password");
        _tom = _gateway.Client("tom", "tech-password");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _kit.Dispose();
        _site.Dispose();
    }

    static Dictionary<string, object?> Kamerakig(string id, string resident, string room, string? objection)
    {
        var claims = DecisionTestKit.Claims(id, resident, Now.AddDays(-1), Now.AddDays(30));
        claims["basis"] = "SEL§128b-1";
        claims["iss"] = "det-socialfaglige-naevn";
        claims["measures"] = new[] { "video-checkin" };
        claims["rooms"] = new[] { room };
        claims["checkin"] = new { maxSeconds = 30, minGapSeconds = 600, maxPer24h = 6, triggers = new[] { "staff-request" } };
        claims.Remove("consent");
        if (objection is not null) claims["objection"] = objection;
        return claims;
    }

    string Import(params (string File, object Claims, string Kid)[] tokens)
    {
        var files = tokens.Select(t =>
        {
            var path = Path.Combine(_site.ConfigDirectory, t.File);
            File.WriteAllText(path, _kit.Sign(t.Claims, t.Kid));
            return path;
        }).ToArray();
        var stdout = new StringWriter();
        CommandLine.RunAsync(["decisions", "import", .. files, "--config", _site.ConfigDirectory], stdout, new StringWriter()).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        return stdout.ToString();
    }

    async Task<(HttpStatusCode Status, string? Reason)> RequestAsync(string room)
    {
        var response = await _anna.PostAsJsonAsync("/api/checkins", new { room, reason = "kald fra værelset" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty("reason", out var r) ? r.GetString() : null);
    }

    Task ObjectAsync(string resident) => _anna.PostAsJsonAsync($"/api/residents/{resident}/objection", new { objects = true });

    [Fact]
    public void A_municipal_key_cannot_make_kamerakig_valid()
    {
        Assert.Contains("accepted d-kig-12", _importOutput);
        Assert.Contains("accepted d-kig-14", _importOutput);
        Assert.Contains("kig-muni.jws: key-not-allowed", _importOutput);
    }

    [Fact]
    public async Task A_kamerakig_in_a_room_without_an_indicator_is_refused_and_status_shows_each_rooms_indicator()
    {
        Assert.Equal((HttpStatusCode.Forbidden, "indicator-missing"), await RequestAsync("room-14"));
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync("room-12")).Status);

        var rooms = (await _tom.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("parts").GetProperty("rooms");
        var indicators = rooms.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("indicator").GetProperty("works").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["room-12"] = true, ["room-14"] = false }, indicators);
    }

    [Fact]
    public async Task An_objection_suspends_or_not_as_the_decision_says_and_every_objection_is_audited()
    {
        await ObjectAsync("resident-7f3a"); // d-kig-12 continues despite an objection
        await ObjectAsync("resident-2b91"); // d-kig-14 suspends (the default)
        await ObjectAsync("resident-2b91"); // said again: recorded again

        Assert.Equal(HttpStatusCode.Created, (await RequestAsync("room-12")).Status);
        Assert.Equal((HttpStatusCode.Forbidden, "objection"), await RequestAsync("room-14"));

        var objections = new AuditReader(_gateway.Service<Frikommune.Edge.Storage.Database>())
            .Read(Now.AddHours(-1), Now.AddHours(1)).Where(r => r.Entry.Kind == "objection-recorded").ToList();
        Assert.Equal(3, objections.Count);
        Assert.Equal("d-kig-12", objections[0].Entry.Details!["continues"]);
        Assert.Equal("d-kig-14", objections[1].Entry.Details!["suspends"]);
        Assert.Equal("false", objections[2].Entry.Details!["changed"]);
    }

    [Fact]
    public async Task The_month_report_is_for_technicians_only_and_lists_the_decisions()
    {
        // The report's months are the site's (Europe/Copenhagen): near midnight UTC they differ from the UTC month.
        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen")).ToString("yyyy-MM");
        Assert.Equal(HttpStatusCode.Forbidden, (await _anna.GetAsync($"/api/reports/{month}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.Client().GetAsync($"/api/reports/{month}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _tom.GetAsync("/api/reports/2026-13")).StatusCode);

        var report = await _tom.GetFromJsonAsync<JsonElement>($"/api/reports/{month}");
        var ids = report.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Contains("d-kig-12", ids);
        Assert.DoesNotContain("d-kig-muni", ids); // rejected tokens are no decisions
    }
}
