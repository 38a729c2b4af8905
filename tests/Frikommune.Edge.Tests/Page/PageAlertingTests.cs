using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Page;

/// <summary>
/// The staff page keeps alerting (issue 13), in Chromium against the real gateway and Mosquitto. The page's own
/// timers run on Playwright's clock, paused, so "rings every 4 seconds" is counted exactly without waiting; the
/// gateway escalates on its real clock after <c>Alarms:AckTimeoutSeconds</c> (5 s here).
/// </summary>
public sealed class PageAlertingTests(SharedBroker broker) : IAsyncLifetime, IClassFixture<SharedBroker>
{
    const string Seizure = """{"event":"seizure"}""";
    readonly TestSite _site = new();
    readonly SharedBroker _broker = broker;
    InProcessGateway _gateway = null!;
    MqttProbe _sensors = null!;
    PageBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _site.Json["Alarms"]!["AckTimeoutSeconds"] = 5;
        _broker.Attach(_site);
        _gateway = await InProcessGateway.StartAsync(_site, simulate: true);
        _gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "staff-password");
        _gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
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

    Task RaiseSeizureAsync() => _sensors.PublishAsync($"{_site.TopicPrefix}/sensors/bed-12", Seizure);

    static Task<int> HeardAsync(IPage page) => page.EvaluateAsync<int>(PageHooks.Heard);

    static async Task<int> HeardDuringAsync(IPage page, long milliseconds)
    {
        var before = await HeardAsync(page);
        await page.Clock.RunForAsync(milliseconds);
        return await HeardAsync(page) - before;
    }

    /// <summary>
    /// Logs in, then opens the page afresh as a tablet does after a restart: the tap on "Log ind" no longer counts,
    /// so the browser plays nothing until the page's own "tap to turn on sound".
    /// </summary>
    static async Task LogInAndReopenAsync(IPage page, Uri site)
    {
        await PageBrowser.LogInAsync(page, site, "anna", "staff-password");
        await page.GotoAsync(new Uri(site, "/").ToString());
        await Expect(page.Locator("#connection")).ToHaveTextAsync("Forbundet");
    }

    /// <summary>On duty with the page's timers on a clock the test moves, after the first tap that allows sound.</summary>
    async Task<IPage> OnDutyAsync(int width, int height, params string[] permissions)
    {
        var page = await _browser.OpenAsync(width, height, permissions);
        await _browser.AllowWakeLockAsync(page, _site.BaseAddress);
        await page.Clock.InstallAsync();
        await LogInAndReopenAsync(page, _site.BaseAddress);
        var unlock = page.Locator("#sound");
        await Expect(unlock).ToHaveTextAsync("Tryk for at slå lyd til");
        await unlock.ClickAsync();
        await Expect(unlock).ToBeHiddenAsync();
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));
        return page;
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unacknowledged_alarm_rings_until_acknowledged_and_faster_after_each_escalation()
    {
        var page = await _browser.OpenAsync(1280, 800);
        await page.Clock.InstallAsync();
        await LogInAndReopenAsync(page, _site.BaseAddress);
        await Expect(page.Locator("#sound")).ToBeVisibleAsync(); // the browser's autoplay rule: nothing sounds before a tap
        await PageBrowser.ShootAsync(page, "alerting-1-tap-for-sound");
        await page.ClickAsync("#sound");
        await Expect(page.Locator("#sound")).ToBeHiddenAsync();
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(0, await HeardDuringAsync(page, 12_000)); // no alarm, no sound

        await RaiseSeizureAsync();
        var alarm = page.Locator(".alarm", new() { HasText = "Epileptisk anfald" });
        await Expect(alarm).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await Expect(page.Locator("#announce")).ToHaveTextAsync("Ny alarm: Epileptisk anfald – Rum room-12.");
        Assert.Equal(1, await HeardAsync(page)); // at once
        Assert.Equal(3, await HeardDuringAsync(page, 12_000)); // level 0: every 4 s
        var volume = await page.EvaluateAsync<double>(PageHooks.LastVolume);

        await Expect(alarm).ToContainTextAsync("rykket 1 gang", new() { Timeout = 15_000 }); // the gateway escalated
        Assert.True(await HeardDuringAsync(page, 12_000) >= 6, "after an escalation the page rings at least every 2 s");
        Assert.True(await page.EvaluateAsync<double>(PageHooks.LastVolume) > volume, "and louder");
        volume = await page.EvaluateAsync<double>(PageHooks.LastVolume);
        await Expect(alarm).ToContainTextAsync("rykket 2 gang", new() { Timeout = 15_000 });
        // Level 2 and above: every second (one more, at once, if the gateway escalates a third time meanwhile).
        Assert.InRange(await HeardDuringAsync(page, 12_000), 12, 13);
        Assert.True(await page.EvaluateAsync<double>(PageHooks.LastVolume) > volume, "and louder still");
        await PageBrowser.ShootAsync(page, "alerting-2-escalated");

        await page.GetByRole(AriaRole.Button, new() { Name = "Kvittér Epileptisk anfald – Rum room-12" }).ClickAsync();
        await Expect(alarm).ToContainTextAsync("Kvitteret af anna");
        Assert.Equal(0, await HeardDuringAsync(page, 12_000));
        Assert.True(await page.EvaluateAsync<int>("window.__test.vibrations") >= 4, "vibrates with each ring where the browser can");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_login_that_ends_is_shown_at_once_with_sound_and_a_way_back_in()
    {
        var page = await OnDutyAsync(390, 844);
        Assert.True(await page.EvaluateAsync<int>("window.__test.wakeLocks") >= 1, "the duty view keeps the screen on");
        var sessionCalls = 0;
        page.Request += (_, request) => { if (new Uri(request.Url).AbsolutePath == "/api/session") Interlocked.Increment(ref sessionCalls); };
        await page.Clock.RunForAsync(180_000);
        await page.EvaluateAsync("fetch('/assets/app.css')"); // a round trip, so the calls above have been seen
        Assert.True(Volatile.Read(ref sessionCalls) >= 3, $"the page renews its login while open: {sessionCalls} calls in 3 minutes");

        // Logged out in another tab of the same browser: this tab's cookie is gone too.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(new Uri(_site.BaseAddress, "/").ToString());
        await other.ClickAsync("#logout");
        await Expect(other.Locator("#message")).ToHaveTextAsync("Du er logget ud.");
        await other.CloseAsync();

        var banner = page.Locator("#session-lost");
        // The server ends the open event stream with the session, so the banner may come before the keep-alive call;
        // either way it must be there within one keep-alive period.
        await page.Clock.RunForAsync(61_000); // the page's keep-alive call
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("Du er logget ud.");
        await Expect(page.Locator("#connection")).ToHaveTextAsync("Logget ud");
        Assert.True(await HeardAsync(page) >= 1, "the lost login is heard, not just shown");
        Assert.Equal(2, await HeardDuringAsync(page, 10_000)); // and heard again until someone acts
        await PageBrowser.ShootAsync(page, "alerting-3-session-lost-phone");
        await PageBrowser.AssertNoSidewaysScrollingAsync(page);

        await page.ClickAsync("#relogin");
        Assert.Contains("/login?ReturnUrl=%2F", page.Url);
        await page.FillAsync("#name", "anna");
        await page.FillAsync("#password", "staff-password");
        await page.ClickAsync("#login");
        await Expect(page.Locator("#connection")).ToHaveTextAsync("Forbundet");
        await Expect(page.Locator("#session-lost")).ToBeHiddenAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_refused_event_stream_is_checked_at_once_and_a_lost_login_shown_instead_of_reconnecting()
    {
        var page = await OnDutyAsync(1280, 800);
        await page.Context.ClearCookiesAsync();
        // The stream ends (as when the gateway stops it); with the page's clock paused, no keep-alive call can
        // have noticed the missing login: the stream's error itself must lead to the check.
        await _gateway.Service<Frikommune.Edge.Web.Page.PageEvents>().StopAsync(CancellationToken.None);
        await Expect(page.Locator("#session-lost")).ToBeVisibleAsync();
        var heard = await HeardAsync(page);
        await page.Clock.RunForAsync(120_000);
        Assert.True(await HeardAsync(page) > heard, "keeps ringing while the login is gone");
        Assert.Equal("Logget ud", await page.Locator("#connection").TextContentAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_screen_is_kept_on_in_the_duty_view_and_the_lock_taken_again_when_the_page_returns()
    {
        var page = await OnDutyAsync(390, 844);
        await page.EvaluateAsync("window.__test.lastWakeLock");
        Assert.True(await page.EvaluateAsync<bool>("window.__test.wakeLock !== undefined && !window.__test.wakeLock.released"), "the duty view holds a wake lock");
        var taken = await page.EvaluateAsync<int>("window.__test.wakeLocks");
        // What the browser does when the phone's screen goes off and on again.
        await page.EvaluateAsync("""
            window.__test.wakeLock.release()
              .then(() => { document.dispatchEvent(new Event('visibilitychange')); return window.__test.lastWakeLock; })
            """);
        Assert.Equal(taken + 1, await page.EvaluateAsync<int>("window.__test.wakeLocks"));
        Assert.False(await page.EvaluateAsync<bool>("window.__test.wakeLock.released"), "taken again");

        await page.ClickAsync(".tab[data-view='staff']"); // staff only: no technician tab, but the view is the duty view
        await page.EvaluateAsync("document.dispatchEvent(new Event('visibilitychange'))");
        Assert.Equal(taken + 1, await page.EvaluateAsync<int>("window.__test.wakeLocks")); // held already: not asked twice
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failed_acknowledgement_is_written_next_to_the_alarm_not_in_a_dialog()
    {
        var page = await OnDutyAsync(1280, 800);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await RaiseSeizureAsync();
        var alarm = page.Locator(".alarm", new() { HasText = "Epileptisk anfald" });
        await Expect(alarm).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await page.RouteAsync("**/api/alarms/*/ack", route => route.FulfillAsync(new() { Status = 503 }));
        await alarm.Locator("button.ack").ClickAsync();
        await Expect(alarm.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Alarmen blev ikke kvitteret. Prøv igen.");
        Assert.Equal(0, dialogs);
        Assert.True(await HeardDuringAsync(page, 8_000) >= 2, "still unacknowledged: still ringing");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_gateway_that_stays_unreachable_is_announced_with_sound_and_the_page_reconnects_by_itself()
    {
        var page = await OnDutyAsync(1280, 800);
        await page.RouteAsync("**/api/events", route => route.AbortAsync());
        await page.RouteAsync("**/api/session", route => route.AbortAsync());
        await _gateway.Service<Frikommune.Edge.Web.Page.PageEvents>().StopAsync(CancellationToken.None); // ends the open stream
        await Expect(page.Locator("#connection")).ToContainTextAsync("Afbrudt – forbinder igen");
        var offline = page.Locator("#offline");
        await Expect(offline).ToBeHiddenAsync(); // a blip is not an alarm
        for (var i = 0; i < 8 && !await offline.IsVisibleAsync(); i++) await page.Clock.RunForAsync(8_000);
        await Expect(offline).ToContainTextAsync("Ingen forbindelse til gatewayen");
        Assert.True(await HeardDuringAsync(page, 10_000) >= 2, "no connection is heard, not just shown");
        await PageBrowser.ShootAsync(page, "alerting-7-offline");

        await page.UnrouteAllAsync();
        await page.Clock.RunForAsync(31_000); // the longest pause between tries
        await Expect(page.Locator("#connection")).ToHaveTextAsync("Forbundet");
        await Expect(offline).ToBeHiddenAsync();
        Assert.Equal(0, await HeardDuringAsync(page, 10_000));
        await Expect(page.Locator("#session-lost")).ToBeHiddenAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Where_notifications_are_permitted_a_new_alarm_shows_a_system_notification()
    {
        var page = await OnDutyAsync(1280, 800, "notifications");
        await Expect(page.Locator("#notices")).ToBeHiddenAsync(); // 127.0.0.1 is a secure context: nothing to warn about
        await RaiseSeizureAsync();
        await Expect(page.Locator(".alarm", new() { HasText = "Epileptisk anfald" })).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await page.WaitForFunctionAsync("() => window.__test.notifications.some(n => n.title === 'Epileptisk anfald – Rum room-12' && n.body === 'Ny alarm')");
    }

    [Fact(Timeout = 60_000)]
    public async Task Over_plain_http_from_another_machine_the_page_says_what_it_cannot_do_and_still_rings()
    {
        var page = await _browser.OpenAsync(390, 844, "notifications");
        await page.Clock.InstallAsync();
        var plain = new Uri($"http://{PageBrowser.PlainHttpHost}:{_site.HttpPort}");
        await LogInAndReopenAsync(page, plain);
        await Expect(page.Locator("#notices")).ToContainTextAsync("Siden er ikke åbnet over HTTPS");
        await page.ClickAsync("#sound");
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));
        await RaiseSeizureAsync();
        await Expect(page.Locator(".alarm", new() { HasText = "Epileptisk anfald" })).ToBeVisibleAsync(new() { Timeout = 3_000 });
        Assert.Equal(3, await HeardDuringAsync(page, 12_000));
        Assert.Equal(0, await page.EvaluateAsync<int>("window.__test.notifications.length"));
        await PageBrowser.ShootAsync(page, "alerting-4-plain-http-phone");
        await PageBrowser.AssertNoSidewaysScrollingAsync(page);
    }
}
