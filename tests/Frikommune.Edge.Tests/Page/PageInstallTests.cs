using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Page;

/// <summary>
/// The page as an installable app (manifest, icons, a service worker that keeps only the page's own files) and
/// what it shows of paging: where an alarm was delivered, the receivers and the handset calls.
/// </summary>
public sealed class PageInstallTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartAsync(_site, simulate: true);
        _gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "staff-password");
        _gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    [Theory]
    [InlineData("manifest.webmanifest", "application/manifest+json")]
    [InlineData("sw.js", "text/javascript")]
    [InlineData("alerting.js", "text/javascript")]
    [InlineData("session.js", "text/javascript")]
    [InlineData("icon.svg", "image/svg+xml")]
    [InlineData("icon-192.png", "image/png")]
    [InlineData("icon-512.png", "image/png")]
    public async Task The_app_files_are_served_without_login_with_their_content_type(string name, string type)
    {
        using var http = _gateway.Client();
        var response = await http.GetAsync("/assets/" + name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(name == "sw.js", response.Headers.Contains("Service-Worker-Allowed"));
    }

    [Fact]
    public async Task The_manifest_names_the_app_and_icons_that_exist_and_the_policy_allows_worker_and_manifest()
    {
        using var http = _gateway.Client();
        var manifest = JsonNode.Parse(await http.GetStringAsync("/assets/manifest.webmanifest"))!;
        Assert.Equal("/", (string?)manifest["start_url"]);
        Assert.Equal("standalone", (string?)manifest["display"]);
        foreach (var icon in manifest["icons"]!.AsArray())
        {
            var file = await http.GetAsync((string)icon!["src"]!);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            if ((string?)icon["type"] == "image/png")
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await file.Content.ReadAsByteArrayAsync())[..4]);
        }
        var policy = (await http.GetAsync("/assets/sw.js")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("worker-src 'self'", policy);
        Assert.Contains("manifest-src 'self'", policy);
    }

    [Fact(Timeout = 60_000)]
    public async Task Chromium_finds_the_page_installable_and_its_worker_caches_only_the_pages_own_files()
    {
        await using var browser = await PageBrowser.LaunchAsync();
        var page = await browser.OpenAsync(1280, 800);
        await PageBrowser.LogInAsync(page, _site.BaseAddress, "anna", "staff-password");
        await page.EvaluateAsync("navigator.serviceWorker.ready.then(() => true)");

        var cdp = await page.Context.NewCDPSessionAsync(page);
        var manifest = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
        Assert.Empty(manifest.GetProperty("errors").EnumerateArray());
        var installability = (await cdp.SendAsync("Page.getInstallabilityErrors"))!.Value;
        // Playwright's browser contexts are off the record, where Chromium never installs anything; nothing else may be missing.
        Assert.DoesNotContain(installability.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()),
            id => id != "in-incognito");

        await page.ReloadAsync(); // now under the worker's control: the API, the stream and the page itself pass by it
        await Expect(page.Locator("#connection")).ToHaveTextAsync("Forbundet");
        await page.EvaluateAsync("fetch('/api/status').then(r => r.json())");
        var cached = await page.EvaluateAsync<string[]>(
            "caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k).then(c => c.keys())))).then(all => all.flat().map(r => new URL(r.url).pathname))");
        Assert.NotEmpty(cached);
        Assert.All(cached, path => Assert.StartsWith("/assets/", path));
        Assert.Contains("/assets/app.js", cached);
    }

    // This test site has no paging receivers, so the browser is handed deliveries, receivers and handset calls
    // here, built on the gateway's real answers (PagingGatewayTests covers the gateway's own).
    const string Delivered = """
        [{"id":"alarm-1","kind":"seizure","priority":"high","site":"s","room":"room-12","raisedAt":"2026-11-30T21:00:00Z",
          "state":"raised","escalation":0,"deliveries":[
            {"receiver":"dect-natteholdet-vest-meget-langt-navn-uden-mellemrum-0123456789","state":"confirmed"},
            {"receiver":"dect-2","state":"failed"},{"receiver":"<b>x</b>","state":"sent"}]}]
        """;

    [Fact(Timeout = 60_000)]
    public async Task On_a_phone_an_alarm_shows_where_it_was_delivered_and_the_technician_sees_receivers_and_calls()
    {
        await using var browser = await PageBrowser.LaunchAsync();
        var page = await browser.OpenAsync(390, 844);
        await page.RouteAsync("**/api/events", route => route.FulfillAsync(new()
        {
            Status = 200, ContentType = "text/event-stream", Body = $"event: alarms\ndata: {Delivered.ReplaceLineEndings("")}\n\n",
        }));
        await page.RouteAsync("**/api/status", async route =>
        {
            var status = JsonNode.Parse(await (await route.FetchAsync()).TextAsync())!;
            status["receivers"] = JsonNode.Parse("""
                [{"id":"dect-1","kind":"espa444","state":"up"},{"id":"dect-2","kind":"espa444","state":"down","lastError":"no answer after 3 tries"}]
                """);
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = status.ToJsonString() });
        });
        await page.RouteAsync("**/api/paging/calls", route => route.FulfillAsync(new()
        {
            Status = 200, ContentType = "application/json",
            Body = """[{"receiver":"dect-1","callAddress":"1234","text":"Epileptisk anfald - rum 12","priority":1,"at":"2026-11-30T21:00:01Z"}]""",
        }));
        // Not PageBrowser.LogInAsync: the handed stream ends after one event, so "Forbundet" comes and goes.
        await page.GotoAsync(new Uri(_site.BaseAddress, "/").ToString());
        await page.FillAsync("#name", "tom");
        await page.FillAsync("#password", "tech-password");
        await page.ClickAsync("#login");

        var sent = page.Locator(".alarm .deliveries");
        await Expect(sent).ToContainTextAsync("dect-2: fejlet");
        await Expect(sent.Locator(".delivery.confirmed")).ToContainTextAsync("modtaget");
        await Expect(sent).ToContainTextAsync("<b>x</b>: sendt"); // text, never markup
        await PageBrowser.AssertNoSidewaysScrollingAsync(page);
        await PageBrowser.ShootAsync(page, "alerting-5-deliveries-phone");

        await page.ClickAsync("#technician-tab");
        await Expect(page.Locator("#receivers")).ToContainTextAsync("no answer after 3 tries");
        await Expect(page.Locator("#receivers .bad")).ToHaveTextAsync("Nede");
        await Expect(page.Locator("#calls")).ToContainTextAsync("Epileptisk anfald - rum 12");
        await PageBrowser.AssertNoSidewaysScrollingAsync(page);
        await PageBrowser.ShootAsync(page, "alerting-6-receivers-phone");

        // A gateway whose site has no paging receivers: 404 for the calls and none in the status — no empty panels.
        await page.UnrouteAsync("**/api/paging/calls");
        await page.UnrouteAsync("**/api/status");
        await page.RouteAsync("**/api/paging/calls", route => route.FulfillAsync(new() { Status = 404 }));
        await page.RouteAsync("**/api/status", async route =>
        {
            var status = JsonNode.Parse(await (await route.FetchAsync()).TextAsync())!;
            status.AsObject().Remove("receivers");
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = status.ToJsonString() });
        });
        await page.ReloadAsync();
        await page.ClickAsync("#technician-tab");
        await Expect(page.Locator("#health")).ToContainTextAsync("Version");
        await Expect(page.Locator("#calls-card")).ToBeHiddenAsync();
        await Expect(page.Locator("#receivers-card")).ToBeHiddenAsync();
    }
}
