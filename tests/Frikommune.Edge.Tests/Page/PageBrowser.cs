using Frikommune.Edge.Tests.Support;
using Microsoft.Playwright;

namespace Frikommune.Edge.Tests.Page;

/// <summary>Debian's Chromium driven by Playwright's bundled driver; screenshots go to <c>artifacts/screenshots/</c>.</summary>
sealed class PageBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        "--autoplay-policy=document-user-activation-required", // the strictest rule: no sound before a tap on this very page
        $"--host-resolver-rules=MAP {PlainHttpHost} 127.0.0.1", // a name that is not a secure context, as on a care home's LAN
    ];

    /// <summary>Reaches the gateway on loopback under a name, so the page is served as plain HTTP from another machine.</summary>
    public const string PlainHttpHost = "gateway.plejehjem.test";

    readonly IPlaywright _playwright;
    readonly IBrowser _browser;

    PageBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(TestSite.RepositoryRoot, "artifacts", "screenshots")).FullName;

    public static async Task<PageBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = Args, Timeout = 20_000 });
        return new PageBrowser(playwright, browser);
    }

    public async Task<IPage> OpenAsync(int width, int height, params string[] permissions)
    {
        var context = await _browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height }, Locale = "da-DK", Permissions = permissions,
        });
        context.SetDefaultTimeout(10_000);
        await context.AddInitScriptAsync(PageHooks.Counting);
        return await context.NewPageAsync();
    }

    /// <summary>Allows the Screen Wake Lock for the page's context, as a phone does for a visible page; headless Chromium refuses it otherwise.</summary>
    public async Task AllowWakeLockAsync(IPage page, Uri site)
    {
        var target = (await (await page.Context.NewCDPSessionAsync(page)).SendAsync("Target.getTargetInfo"))!.Value;
        var browser = await _browser.NewBrowserCDPSessionAsync();
        await browser.SendAsync("Browser.setPermission", new Dictionary<string, object>
        {
            ["permission"] = new Dictionary<string, object> { ["name"] = "screen-wake-lock" },
            ["setting"] = "granted",
            ["origin"] = site.GetLeftPart(UriPartial.Authority),
            ["browserContextId"] = target.GetProperty("targetInfo").GetProperty("browserContextId").GetString()!,
        });
    }

    public static async Task LogInAsync(IPage page, Uri site, string name, string password)
    {
        await page.GotoAsync(new Uri(site, "/").ToString());
        Assert.Contains("/login", page.Url); // the page itself needs a login
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("Forbundet");
    }

    /// <summary>
    /// Asserts the page does not scroll sideways at its width (a phone held upright), naming the elements that stick
    /// out when it does. Tables inside a <c>.scroll</c> box may scroll on their own; the page itself must not.
    /// </summary>
    public static async Task AssertNoSidewaysScrollingAsync(IPage page)
    {
        var found = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            (() => {
              const width = document.documentElement.clientWidth;
              const wide = [...document.querySelectorAll('body *')]
                .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > width + 0.5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : ''));
              return { scrollWidth: document.scrollingElement.scrollWidth, width, wide: wide.slice(0, 10).join(', ') };
            })()
            """);
        int scrollWidth = found.GetProperty("scrollWidth").GetInt32(), width = found.GetProperty("width").GetInt32();
        Assert.True(scrollWidth <= width, $"the page scrolls sideways: {scrollWidth} px wide on a {width} px screen; too wide: {found.GetProperty("wide")}");
    }

    public static Task ShootAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
