using System.Text.Json;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Audit.Report;
using Frikommune.Edge.Cameras;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Cli;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Objections;
using Frikommune.Edge.Tests.Decisions;
using Frikommune.Edge.Tests.Page;
using Frikommune.Edge.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Gpio;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Audit;

/// <summary>
/// A simulated January (in the future: the clock is trusted only after the program's build date) on a <see cref="FakeTimeProvider"/>: the gateway's own parts (importer, expiry auditor,
/// objection book, alarm desk, check-in service, door fleet and its event pump) write the real audit trail, then the
/// report is compared with counts computed here, independently, from <c>audit export</c>'s JSON.
/// </summary>
public sealed class MonthlyReportTests : IAsyncLifetime
{
    const string Naevn = "naevn-2026";
    static readonly DateTimeOffset MonthStart = new(2030, 12, 31, 23, 0, 0, TimeSpan.Zero); // 1 January 00:00 in Copenhagen
    static readonly DateTimeOffset MonthEnd = new(2031, 1, 31, 23, 0, 0, TimeSpan.Zero);
    readonly TestSite _site = new();
    readonly DecisionTestKit _kit = new();
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 12, 30, 10, 0, 0, TimeSpan.Zero));
    WebApplication _app = null!;
    T S<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var pem = _kit.Key.ExportSubjectPublicKeyInfoPem();
        File.WriteAllText(Path.Combine(_site.TrustDirectory, DecisionTestKit.Kid + ".pem"), pem);
        File.WriteAllText(Path.Combine(_site.TrustDirectory, Naevn + ".pem"), pem);
        File.WriteAllText(Path.Combine(_site.TrustDirectory, Naevn + ".json"), """{"issuer":"Det Socialfaglige Nævn","bases":["SEL§128b-1"]}""");
        _site.Json["Doors"]![0]!["Pins"]!.AsObject().Remove("LockHeartbeat"); // a fast periodic timer; a month of it is noise here
        _site.Json["Simulation"]!["DemoDecisions"] = false;
        _site.Write();
        _app = GatewayHost.Build(_site.Settings(), _time);
        await Import("d-door", "SEL§125", "door-opener", doors: ["door-west"]);
        await Import("d-14f", "§14f", "sleep-monitoring", rooms: ["room-12"], consent: true);
        await Import("d-kig", "SEL§128b-1", "video-checkin", rooms: ["room-12"], kid: Naevn, exp: new DateTimeOffset(2031, 1, 20, 0, 0, 0, TimeSpan.Zero));
        // Only the parts this month needs; the rest (MQTT, timeline, watchdog) stays stopped so a month of fake time stays cheap.
        await S<DoorEventPump>().StartAsync(default);
        await S<DoorFleet>().StartAsync(default);
        await S<CheckInService>().StartAsync(default);
    }

    public async Task DisposeAsync()
    {
        await S<CheckInService>().StopAsync(default);
        await S<DoorFleet>().StopAsync(default);
        await S<DoorEventPump>().StopAsync(default);
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _kit.Dispose();
        _site.Dispose();
    }

    async Task Import(string id, string basis, string measure, string[]? rooms = null, string[]? doors = null, bool consent = false,
        string kid = DecisionTestKit.Kid, DateTimeOffset? exp = null, string resident = "resident-7f3a")
    {
        var now = _time.GetUtcNow();
        var claims = DecisionTestKit.Claims(id, resident, now, exp ?? new DateTimeOffset(2031, 6, 30, 0, 0, 0, TimeSpan.Zero));
        claims["iat"] = now.ToUnixTimeSeconds();
        claims["basis"] = basis;
        claims["measures"] = new[] { measure };
        claims["rooms"] = rooms ?? [];
        claims["doors"] = doors ?? [];
        if (!consent) claims.Remove("consent");
        if (measure == "video-checkin") claims["checkin"] = new { maxSeconds = 30, minGapSeconds = 600, maxPer24h = 6, triggers = new[] { "staff-request" } };
        else claims.Remove("checkin");
        var verdict = await S<DecisionImporter>().ImportAsync(_kit.Sign(claims, kid), "test");
        Assert.True(verdict.IsAccepted, verdict.Detail);
    }

    long LastSeq() => S<AuditReader>().ReadLast(1).SingleOrDefault()?.Seq ?? 0;

    /// <summary>
    /// Door events are audited by the pump's own loop: wait until the trail holds a <paramref name="kind"/> record after
    /// <paramref name="before"/> (any record is not enough: an alarm raised just before may be the one that arrived).
    /// </summary>
    async Task SettleAsync(long before, string kind, string? alarmKind = null) =>
        await Eventually.TrueAsync(() => S<AuditReader>().ReadAfter(before, 1000).Any(r => r.Entry.Kind == kind
            && (alarmKind is null || r.Entry.Details?.GetValueOrDefault("kind") == alarmKind)), TimeSpan.FromSeconds(10), $"a {kind} {alarmKind} record after {before}");

    async Task Day(int day)
    {
        _time.SetUtcNow(new DateTimeOffset(2031, 1, day, 8, 0, 0, TimeSpan.Zero));
        await S<DecisionBook>().Expiries.AuditExpiriesAsync(_time.GetUtcNow());
        var objections = S<ObjectionBook>();
        if (day == 3) await Import("d-sleep14", "SEL§128b-2", "sleep-monitoring", rooms: ["room-14"], resident: "resident-2b91");
        if (day == 25)
            Assert.True((await S<DecisionImporter>().ImportAsync(_kit.Sign(DecisionTestKit.RevocationClaims("d-sleep14", "r-sleep14")), "test")).IsAccepted);
        if (day == 10) await objections.RecordAsync("resident-7f3a", true, "anna", _time.GetUtcNow());
        if (day == 11) await objections.RecordAsync("resident-7f3a", true, "bo", _time.GetUtcNow()); // said again
        if (day == 12) await objections.RecordAsync("resident-7f3a", false, "anna", _time.GetUtcNow());

        var checkIns = S<CheckInService>();
        var answer = await checkIns.RequestAsync("room-12", "anna", "kald", "http");
        if (answer.Grant is { } grant)
        {
            _time.Advance(TimeSpan.FromSeconds(10 + day % 7));
            var before = LastSeq();
            checkIns.Viewed(grant.SessionId, 10 + day % 7, StreamEndCause.ViewerLeft);
            await SettleAsync(before, "checkin-closed");
        }
        await checkIns.RequestAsync("room-12", "anna", "igen", "http"); // too soon: cooldown while d-kig holds

        var desk = S<AlarmDesk>();
        desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12"));
        if (day % 2 == 0) desk.Raise(AlarmKind.BedExit, AlarmSubject.InRoom("room-14"));
        var door = S<DoorFleet>().Find("door-west")!;
        if (day % 3 == 0)
        {
            var before = LastSeq();
            Assert.True(door.StaffRelease("bo", 5));
            await SettleAsync(before, "door-released");
            _time.Advance(TimeSpan.FromSeconds(6));
        }
        if (day % 4 == 0)
        {
            var before = LastSeq();
            Assert.Equal(DoorMode.SpecialOpener, door.State.Mode);
            door.SetButton(DoorButton.A, true);
            _time.Advance(TimeSpan.FromSeconds(2)); // past the two-button window: a lone press calls staff
            door.SetButton(DoorButton.A, false);
            await Eventually.TrueAsync(() => desk.Open().Any(a => a.Kind == AlarmKind.DoorAssistance), TimeSpan.FromSeconds(10), "door assistance");
            await SettleAsync(before, "alarm-raised", "door-assistance");
        }
        foreach (var alarm in desk.Open()) desk.Resolve(alarm.Id, "anna");
    }

    async Task<MonthlyReport> SimulateJanuaryAsync()
    {
        for (var day = 1; day <= 30; day++) await Day(day);
        _time.SetUtcNow(new DateTimeOffset(2031, 2, 1, 6, 0, 0, TimeSpan.Zero));
        await S<DecisionBook>().Expiries.AuditExpiriesAsync(_time.GetUtcNow());
        return ReportSource.FromTrail(S<Frikommune.Edge.Storage.Database>(), "herning-bo1", 2031, 1, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"));
    }

    string Export()
    {
        var stdout = new StringWriter();
        var code = CommandLine.RunAsync(["audit", "export", "--from", "2030-12-01", "--to", "2031-02-01", "--format", "json", "--config", _site.ConfigDirectory],
            stdout, new StringWriter()).GetAwaiter().GetResult();
        Assert.Equal(0, code);
        return stdout.ToString();
    }

    [Fact]
    public async Task The_report_of_a_simulated_month_matches_counts_computed_from_audit_export()
    {
        var report = await SimulateJanuaryAsync();
        var export = JsonDocument.Parse(Export()).RootElement.EnumerateArray().ToList();
        var month = export.Where(r => Time(r) >= MonthStart && Time(r) < MonthEnd).ToList();
        var use = report.Decisions.ToDictionary(d => d.Id!);

        Assert.Equal(["d-14f", "d-door", "d-kig", "d-sleep14"], use.Keys.Order());
        foreach (var (id, d) in use)
        {
            Assert.Equal(Count(month, "decision-imported", id), d.Imports);
            Assert.Equal(Count(month, "decision-expired", id), d.Expiries);
            Assert.Equal(Count(month, "decision-revoked", id), d.Revocations);
            Assert.Equal(month.Count(r => Kind(r) == "checkin-requested" && Detail(r, "outcome") == "granted" && Ref(r, "decision") == id), d.CheckInsGranted);
            var refused = month.Where(r => Kind(r) == "checkin-requested" && Detail(r, "outcome") == "refused" && (Detail(r, "decisions") ?? "").Split(',').Contains(id))
                .GroupBy(r => Detail(r, "refusal")!).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(refused.OrderBy(p => p.Key), d.CheckInsRefused.OrderBy(p => p.Key));
            var viewed = month.Where(r => Kind(r) == "checkin-closed" && Ref(r, "decision") == id).Select(r => double.Parse(Detail(r, "viewedSeconds")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(viewed.Sum(), d.ViewedSecondsTotal, 3);
            Assert.Equal(viewed.DefaultIfEmpty(0).Max(), d.ViewedSecondsLongest, 3);
            Assert.Equal(month.Count(r => Kind(r) == "objection-recorded" && ((Detail(r, "suspends") ?? "") + "," + (Detail(r, "continues") ?? "")).Split(',').Contains(id)), d.Objections);
        }
        // The door decision covers the whole month: every door record counts for it.
        Assert.Equal(month.Where(r => Kind(r) == "door-released").GroupBy(r => Detail(r, "cause")!.StartsWith("staff:") ? "staff" : Detail(r, "cause")!)
            .ToDictionary(g => g.Key, g => g.Count()).OrderBy(p => p.Key), use["d-door"].DoorReleases.OrderBy(p => p.Key));
        Assert.Equal(month.Where(r => Kind(r) == "alarm-raised" && Ref(r, "door") == "door-west").GroupBy(r => Detail(r, "kind")!)
            .ToDictionary(g => g.Key, g => g.Count()).OrderBy(p => p.Key), use["d-door"].DoorAlarms.OrderBy(p => p.Key));
        Assert.Equal(month.Count(r => Kind(r) == "alarm-raised" && Ref(r, "room") == "room-12"), use["d-14f"].SensorAlarms.GetValueOrDefault("seizure"));
        // room-14's bed exits count for d-sleep14 only between its import and its revocation; the rest for no decision.
        var imported = Time(export.Single(r => Kind(r) == "decision-imported" && Ref(r, "decision") == "d-sleep14"));
        var revoked = Time(export.Single(r => Kind(r) == "decision-revoked" && Ref(r, "decision") == "d-sleep14"));
        var bedExits = month.Where(r => Kind(r) == "alarm-raised" && Ref(r, "room") == "room-14").Select(Time).ToList();
        Assert.Equal(bedExits.Count(t => t >= imported && t < revoked), use["d-sleep14"].SensorAlarms.GetValueOrDefault("bed-exit"));
        Assert.Equal(bedExits.Count(t => t < imported || t >= revoked), report.WithoutDecision!.SensorAlarms.GetValueOrDefault("bed-exit"));

        // What the scenario did, so the comparison above cannot pass on an empty month.
        Assert.Equal(17, use["d-kig"].CheckInsGranted); // 19 days of d-kig, less the two days it was objected to
        Assert.Equal(1, use["d-kig"].Expiries);
        Assert.Equal(1, use["d-sleep14"].Imports);
        Assert.Equal(1, use["d-sleep14"].Revocations);
        Assert.Equal(2, use["d-kig"].Objections);
        Assert.Equal(10, use["d-door"].DoorReleases["staff"]);
        Assert.Equal(7, use["d-door"].DoorAlarms["door-assistance"]);
        Assert.Equal(30, use["d-14f"].SensorAlarms["seizure"]);
        Assert.Equal(31, use["d-14f"].PerDay.Length);

        // The same report recomputed from the export alone.
        using var exported = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Export()));
        var recomputed = ReportSource.FromExport(exported, "herning-bo1", 2031, 1, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"));
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(recomputed));
    }

    [Fact]
    public async Task The_html_report_opens_in_chromium_with_a_bar_per_day_and_the_cli_and_api_agree()
    {
        var report = await SimulateJanuaryAsync();
        var stdout = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "report", "--month", "2031-01", "--format", "html", "--config", _site.ConfigDirectory], stdout));
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(TestSite.RepositoryRoot, "artifacts")).FullName, "report-2031-01.html");
        File.WriteAllText(file, stdout.ToString());

        await using var browser = await PageBrowser.LaunchAsync();
        var page = await browser.OpenAsync(794, 1123); // A4 at 96 dpi
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        Assert.Equal(report.Decisions.Count + (report.WithoutDecision is null ? 0 : 1), await page.Locator("section").CountAsync());
        Assert.Equal(31, await page.Locator("section").First.Locator("rect.bar").CountAsync());
        Assert.Contains("Afgørelse d-kig", await page.ContentAsync());
        await PageBrowser.ShootAsync(page, "report-2031-01");
        await page.PdfAsync(new() { Path = Path.Combine(TestSite.RepositoryRoot, "artifacts", "report-2031-01.pdf"), Format = "A4" });

        var json = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "report", "--month", "2031-01", "--format", "json", "--config", _site.ConfigDirectory], json));
        Assert.Equal(ReportJson.Serialize(report), json.ToString().Trim());
        var trail = Path.Combine(_site.ConfigDirectory, "trail.json");
        File.WriteAllText(trail, Export());
        var recomputed = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "report", "--month", "2031-01", "--format", "json", "--from-export", trail, "--config", _site.ConfigDirectory], recomputed));
        Assert.Equal(json.ToString(), recomputed.ToString());
        var csv = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "report", "--month", "2031-01", "--format", "csv", "--config", _site.ConfigDirectory], csv));
        Assert.Contains("d-kig,SEL§128b-1,video-checkin,resident-7f3a,", csv.ToString());
        Assert.Contains(",uses-per-day,2031-01-31,", csv.ToString());
    }

    static DateTimeOffset Time(JsonElement r) => DateTimeOffset.Parse(r.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    static string Kind(JsonElement r) => r.GetProperty("kind").GetString()!;
    static string? Ref(JsonElement r, string name) => r.GetProperty("refs").TryGetProperty(name, out var v) ? v.GetString() : null;
    static string? Detail(JsonElement r, string name) => r.GetProperty("details").TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    static int Count(List<JsonElement> records, string kind, string decision) => records.Count(r => Kind(r) == kind && Ref(r, "decision") == decision);
}
