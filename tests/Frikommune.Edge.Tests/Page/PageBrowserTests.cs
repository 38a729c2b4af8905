using System.Diagnostics;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Page;

/// <summary>
/// The page in a real browser against the real gateway (simulation: demo decisions, simulated GPIO, synthetic
/// cameras) and a real Mosquitto. Check-ins are cut to 4 seconds so the countdown can be watched to its end.
/// </summary>
public sealed class PageBrowserTests(SharedBroker broker, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<SharedBroker>
{
    readonly TestSite _site = new();
    readonly SharedBroker _broker = broker;
    InProcessGateway _gateway = null!;
    MqttProbe _sensors = null!;
    PageBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _site.Json["CheckIns"]!["MaxSecondsCap"] = 4;
        _broker.Attach(_site);
        _gateway = await InProcessGateway.StartAsync(_site, simulate: true);
        _gateway.AddAnnaAndTom();
        _sensors = await MqttProbe.ConnectAsync(_broker.Port);
        _browser = await PageBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _sensors.DisposeAsync();
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    [Fact(Timeout = 30_000)]
    public async Task Staff_see_a_sensor_alarm_live_acknowledge_it_and_look_in_until_the_countdown_ends()
    {
        var page = await _browser.OpenAsync(1280, 800); // a wall tablet
        await PageBrowser.LogInAsync(page, _site.BaseAddress, "anna", "staff-password");
        await PageBrowser.ShootAsync(page, "staff-1-logged-in");
        // The tap on "Log ind" usually carries over to the page; where it does not, the page asks for one.
        if (await page.Locator("#sound").IsVisibleAsync()) await page.ClickAsync("#sound");

        var clock = Stopwatch.StartNew();
        await _sensors.PublishAsync($"{_site.TopicPrefix}/sensors/bed-12", """{"event":"seizure"}""");
        var alarm = page.Locator(".alarm", new() { HasText = "Epileptisk anfald" });
        await Expect(alarm).ToBeVisibleAsync(new() { Timeout = 3_000 });
        output.WriteLine($"alarm on the page {clock.ElapsedMilliseconds} ms after the sensor message");
        await Expect(alarm).ToContainTextAsync("Rum room-12");
        Assert.True(await page.EvaluateAsync<int>(PageHooks.Heard) >= 1, "no sound for the new alarm");
        await PageBrowser.ShootAsync(page, "staff-2-alarm");

        await alarm.Locator("button.ack").ClickAsync();
        await Expect(alarm).ToContainTextAsync("Kvitteret af anna");
        await PageBrowser.ShootAsync(page, "staff-3-acknowledged");

        await page.FillAsync("#checkin-reason", "Alarm fra sengen");
        var room = page.Locator("#rooms li[data-id='room-12']");
        await room.Locator("button.checkin-button").ClickAsync();
        await Expect(page.Locator("#checkin")).ToBeVisibleAsync();
        var left = int.Parse(await page.Locator("#countdown").TextContentAsync() ?? "0");
        Assert.InRange(left, 1, 5); // a 4 s cap, shown rounded up against the gateway's clock as estimated by the page
        await Expect(room).ToContainTextAsync("Kameraet ses nu", new() { Timeout = 4_000 });
        await PageBrowser.ShootAsync(page, "staff-4-checkin");
        await Expect(page.Locator("#checkin-message")).ToHaveTextAsync("Kigget er slut.", new() { Timeout = 8_000 });
        await Expect(page.Locator("#checkin")).ToBeHiddenAsync();
        await PageBrowser.ShootAsync(page, "staff-5-checkin-ended");

        await room.Locator("button.checkin-button").ClickAsync();
        await Expect(page.Locator("#checkin-message")).ToHaveTextAsync("Der skal gå mindst 10 minutter mellem to kig.");
        await PageBrowser.ShootAsync(page, "staff-6-cooldown");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_technician_on_a_phone_sees_decisions_health_and_audit_and_plays_a_sensor()
    {
        var page = await _browser.OpenAsync(390, 844); // a phone
        await PageBrowser.LogInAsync(page, _site.BaseAddress, "tom", "tech-password");
        await page.ClickAsync("#technician-tab");
        await Expect(page.Locator("#decisions")).ToContainTextAsync("demo-room-12-sleep");
        await Expect(page.Locator("#health")).ToContainTextAsync("Forbundet");
        await Expect(page.Locator("#audit tr").First).ToBeVisibleAsync();

        await page.Locator("#sim-sensors button", new() { HasText = "Anfald" }).First.ClickAsync();
        await Expect(page.Locator("#sim-message")).ToContainTextAsync("accepted");
        await page.Locator("#sim-doors button", new() { HasText = "Tryk knap A" }).ClickAsync();
        await Expect(page.Locator("#sim-message")).ToContainTextAsync("Tryk knap A");
        await PageBrowser.AssertNoSidewaysScrollingAsync(page);
        await PageBrowser.ShootAsync(page, "technician-phone");

        await page.ClickAsync(".tab[data-view='staff']");
        await Expect(page.Locator(".alarm", new() { HasText = "Epileptisk anfald" })).ToBeVisibleAsync();
        await PageBrowser.AssertNoSidewaysScrollingAsync(page);
        await PageBrowser.ShootAsync(page, "staff-phone");
        await page.ClickAsync("#logout");
        await Expect(page.Locator("#message")).ToHaveTextAsync("Du er logget ud.");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_technician_sees_the_month_report_with_a_bar_per_day_and_the_issuer_of_each_decision()
    {
        var page = await _browser.OpenAsync(1024, 900);
        await PageBrowser.LogInAsync(page, _site.BaseAddress, "tom", "tech-password");
        await page.ClickAsync("#technician-tab");
        await Expect(page.Locator("#decisions")).ToContainTextAsync("simulate-demo-naevn");
        await Expect(page.Locator("#decisions")).ToContainTextAsync("SEL§128b-1");
        var siteNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen"));
        await Expect(page.Locator("#report-month")).ToHaveValueAsync(siteNow.ToString("yyyy-MM")); // the site's month, not the browser's
        await page.ClickAsync("#report-load");
        await Expect(page.Locator("#report")).ToContainTextAsync("Afgørelse demo-room-12-kamerakig");
        var days = DateTime.DaysInMonth(siteNow.Year, siteNow.Month);
        Assert.Equal(days, await page.Locator("#report .report-decision").First.Locator("rect.report-bar").CountAsync());
        await PageBrowser.ShootAsync(page, "technician-report");
    }
}
