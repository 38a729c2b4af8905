using Frikommune.Edge.Alarms;
using System.Net;
using System.Net.Http.Headers;
using Frikommune.Edge.Cli;
using Frikommune.Edge.Tests.Page;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Web;

/// <summary>Server-side page sessions: what ends them, at once, and what keeps them alive.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-30T08:00:00Z"));
    InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartAsync(_site, _time, simulate: true);
        _gateway.AddAnnaAndTom();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    [Fact]
    public async Task A_copied_cookie_is_dead_after_logout()
    {
        using var anna = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        var stolen = Cookie(anna);
        await anna.PostAsync("/logout", anna.Csrf);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(stolen));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_session_of_that_user_only()
    {
        using var anna = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        using var annaOnTablet = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        using var tom = await PageClient.LoggedInAsync(_gateway, "tom", "tech-password");
        _gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "a-new-staff-password");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anna.Http.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await annaOnTablet.Http.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tom.Http.GetAsync("/api/status")).StatusCode);
        // The old password no longer works over Basic either, though it was remembered a moment ago.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.Client("anna", "staff-password").GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task Lowering_a_role_ends_the_session_at_once()
    {
        using var tom = await PageClient.LoggedInAsync(_gateway, "tom", "tech-password");
        Assert.Equal(HttpStatusCode.OK, (await tom.Http.GetAsync("/api/config")).StatusCode);
        _gateway.Service<UserStore>().AddOrReplace("tom", Roles.Staff, "tech-password");
        Assert.Equal(HttpStatusCode.Unauthorized, (await tom.Http.GetAsync("/api/config")).StatusCode);
    }

    [Fact]
    public async Task Users_remove_from_the_command_line_ends_the_session_and_its_event_stream()
    {
        using var anna = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        using var events = await anna.Http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        var stream = await events.Content.ReadAsStreamAsync();
        var output = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["users", "remove", "anna", "--config", _site.ConfigDirectory], output, new StringWriter()));
        Assert.Contains("removed", output.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anna.Http.GetAsync("/api/status")).StatusCode);
        // The open stream ends at the next tick (every 2 s on the gateway's clock).
        _time.Advance(TimeSpan.FromSeconds(2));
        using var drained = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer, drained.Token) > 0) _time.Advance(TimeSpan.FromSeconds(2));
        var list = new StringWriter();
        await CommandLine.RunAsync(["users", "list", "--config", _site.ConfigDirectory], list, new StringWriter());
        Assert.DoesNotContain("anna", list.ToString());
        Assert.Contains("tom\ttechnician", list.ToString());
    }

    [Theory]
    [InlineData("password")]
    [InlineData("role")]
    [InlineData("remove")]
    public async Task An_event_stream_opened_with_basic_auth_ends_when_its_user_is_changed_or_removed(string change)
    {
        using var anna = _gateway.Client("anna", "staff-password");
        using var events = await anna.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        var stream = await events.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        Assert.True(await stream.ReadAsync(buffer) > 0); // the picture at once
        // A tick while anna is unchanged: the stream stays open and still carries the next alarm.
        _time.Advance(TimeSpan.FromSeconds(2));
        _gateway.Service<AlarmDesk>().Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12"));
        using (var open = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            var seen = "";
            while (!seen.Contains("seizure")) seen += System.Text.Encoding.UTF8.GetString(buffer, 0, await stream.ReadAsync(buffer, open.Token));
        }

        var users = _gateway.Service<UserStore>();
        if (change == "password") users.AddOrReplace("anna", Roles.Staff, "a-new-staff-password");
        else if (change == "role") users.AddOrReplace("anna", Roles.Technician, "staff-password");
        else users.Remove("anna");

        using var drained = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(2));
        while (await stream.ReadAsync(buffer, drained.Token) > 0) _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(drained.IsCancellationRequested);
    }

    [Fact]
    public async Task The_session_slides_with_use_and_ends_when_idle()
    {
        using var anna = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(29));
            Assert.Equal(HttpStatusCode.OK, (await anna.Http.GetAsync("/api/status")).StatusCode);
        }
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anna.Http.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task A_busy_session_still_ends_twelve_hours_after_login()
    {
        using var anna = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        for (var minutes = 0; minutes < 12 * 60 - 20; minutes += 20)
        {
            _time.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await anna.Http.GetAsync("/api/status")).StatusCode);
        }
        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anna.Http.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task Each_login_is_one_row_on_the_server_and_logout_deletes_it()
    {
        var rows = _gateway.Service<SessionRows>();
        using var anna = await PageClient.LoggedInAsync(_gateway, "anna", "staff-password");
        Assert.Equal(1, rows.CountOf("anna"));
        await anna.PostAsync("/logout", anna.Csrf);
        Assert.Equal(0, rows.CountOf("anna"));
    }

    static Cookie Cookie(PageClient client) =>
        client.Cookies.GetAllCookies().Single(c => c.Name == Edge.Web.Page.PageAuthentication.CookieName);

    async Task<HttpStatusCode> StatusWith(Cookie cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return (await _gateway.Client().SendAsync(request)).StatusCode;
    }
}
