using System.Net;
using System.Text.Json;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Page;

/// <summary>The page's login over real HTTP: cookies, CSRF, roles, lockout, logout and the headers on every answer.</summary>
public sealed class PageAccessTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartAsync(_site, simulate: true);
        _gateway.AddAnnaAndTom();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    [Fact]
    public async Task A_page_without_login_redirects_to_the_login_form_but_the_api_answers_401()
    {
        using var browser = PageClient.For(_gateway);
        var page = await browser.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery);
        foreach (var path in new[] { "/api/status", "/api/events", "/api/session", "/api/audit/recent" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/api/sim/sensors/bed-12", null)).StatusCode);
        var form = await browser.Http.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Log ind", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_logged_in_with_the_cookie_get_the_page_and_the_api_but_not_the_technician_endpoints()
    {
        using var anna = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        Assert.Equal(HttpStatusCode.OK, (await anna.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anna.Http.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.Http.GetAsync("/api/audit/recent")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.Http.GetAsync("/api/config")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.PostAsync("/api/sim/sensors/bed-12", anna.Csrf)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.Client("anna", "staff-password").GetAsync("/api/audit/recent")).StatusCode);
    }

    [Fact]
    public async Task A_post_with_the_cookie_but_without_the_csrf_token_is_refused()
    {
        using var anna = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.PostAsync("/api/alarms/no-such-alarm/ack", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.PostAsync("/api/alarms/no-such-alarm/ack", "forged")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anna.PostAsync("/logout", null)).StatusCode);
        // With the token the request reaches the endpoint, which does not know the alarm.
        Assert.Equal(HttpStatusCode.NotFound, (await anna.PostAsync("/api/alarms/no-such-alarm/ack", anna.Csrf)).StatusCode);
        // HTTP Basic carries its own credentials and needs no token.
        var basic = await _gateway.Client("anna", "staff-password").PostAsync("/api/alarms/no-such-alarm/ack", null);
        Assert.Equal(HttpStatusCode.NotFound, basic.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_user_even_against_the_right_one()
    {
        using var browser = PageClient.For(_gateway);
        for (var i = 1; i <= 4; i++)
            Assert.Contains("fejl=forkert", (await browser.LogInAsync("anna", "wrong-" + i)).Headers.Location!.OriginalString);
        Assert.Contains("fejl=laast", (await browser.LogInAsync("anna", "wrong-5")).Headers.Location!.OriginalString);
        Assert.Contains("fejl=laast", (await browser.LogInAsync("anna", "staff-password")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.GetAsync("/api/session")).StatusCode);
        // Another user is not affected.
        Assert.Equal("/", (await browser.LogInAsync("tom", "tech-password")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        using var anna = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        var logout = await anna.PostAsync("/logout", anna.Csrf);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith("/login", logout.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anna.Http.GetAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anna.Http.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_login_form_posted_from_another_site_is_refused(string header, string value)
    {
        using var browser = PageClient.For(_gateway);
        var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "anna", ["password"] = "staff-password" }),
        };
        request.Headers.Add(header, value);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/api/status")]
    [InlineData("/assets/app.js")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await _gateway.Client().GetAsync(path);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        if (!path.StartsWith("/assets")) Assert.True(response.Headers.CacheControl?.NoStore, path);
    }

    [Fact]
    public async Task The_technician_reads_recent_audit_records_and_plays_a_sensor_in_simulation()
    {
        var tom = _gateway.Client("tom", "tech-password");
        var played = await tom.PostAsync("/api/sim/sensors/bed-12", new StringContent("""{"event":"seizure"}"""));
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal("accepted", JsonDocument.Parse(await played.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString());
        Assert.Contains("\"kind\":\"seizure\"", await tom.GetStringAsync("/api/alarms"));
        Assert.Equal(HttpStatusCode.NotFound, (await tom.PostAsync("/api/sim/sensors/nope", new StringContent("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tom.PostAsync("/api/sim/sensors/bed-12", new StringContent("not json"))).StatusCode);
        // The desk shows the alarm at once; its audit record follows with the next group commit.
        await Eventually.TrueAsync(async () =>
        {
            var audit = JsonDocument.Parse(await tom.GetStringAsync("/api/audit/recent?count=5")).RootElement;
            Assert.InRange(audit.GetArrayLength(), 1, 5);
            return audit.EnumerateArray().Any(r => r.GetProperty("kind").GetString() == "alarm-raised");
        }, TimeSpan.FromSeconds(10), "alarm-raised among the five latest audit records");
    }
}
