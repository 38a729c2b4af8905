using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Frikommune.Edge.Tests.Page;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Web.Page;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Web;

/// <summary>Password guessing over HTTP Basic and the login form: one lockout for both, no timing oracle, rate limits.</summary>
public sealed class GuessingAndFloodingTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _site.Json["Http"]!["ApiBurst"] = 60;
        _site.Json["Http"]!["ApiRequestsPerSecond"] = 10;
        _site.Json["Http"]!["LoginAttemptsPerMinute"] = 12;
        _site.Write();
        _gateway = await InProcessGateway.StartAsync(_site, simulate: true);
        var users = _gateway.Service<UserStore>();
        users.AddOrReplace("anna", Roles.Staff, "staff-password");
        users.AddOrReplace("bent", Roles.Staff, "staff-password-2");
        users.AddOrReplace("tom", Roles.Technician, "tech-password");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    [Fact]
    public async Task Wrong_basic_passwords_lock_the_user_for_basic_and_the_login_form_alike()
    {
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.Client("anna", "wrong-" + i).GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.Client("anna", "staff-password").GetAsync("/api/status")).StatusCode);
        using var browser = PageClient.For(_gateway);
        Assert.Contains("fejl=laast", (await browser.LogInAsync("anna", "staff-password")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await _gateway.Client("tom", "tech-password").GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_on_the_login_form_lock_basic_too()
    {
        using var browser = PageClient.For(_gateway);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++) await browser.LogInAsync("bent", "wrong-" + i);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.Client("bent", "staff-password-2").GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task A_client_already_proved_right_keeps_working_while_a_guesser_locks_the_name()
    {
        var tablet = _gateway.Client("anna", "staff-password");
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/api/status")).StatusCode);
        for (var i = 0; i < LoginThrottle.MaxFailures + 2; i++) await _gateway.Client("anna", "guess-" + i).GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_takes_as_long_to_refuse_as_a_known_one()
    {
        var known = new List<double>();
        var unknown = new List<double>();
        // Eight of each, interleaved, so a busy machine slows both alike; three known names stay under the name lockout
        // and sixteen failures under the address lockout.
        string[] names = ["tom", "bent", "anna"];
        for (var i = 0; i < 8; i++)
        {
            unknown.Add(await TimeAsync(_gateway.Client($"nobody-{i}", "staff-password")));
            known.Add(await TimeAsync(_gateway.Client(names[i % names.Length], "wrong-password-" + i)));
        }
        var ratio = Median(unknown) / Median(known);
        Assert.InRange(ratio, 0.5, 2.0);
    }

    [Fact]
    public async Task The_api_is_rate_limited_per_address_before_any_password_is_checked()
    {
        var client = _gateway.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 120; i++) statuses.Add((await client.GetAsync("/api/status")).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var limited = await client.GetAsync("/api/status");
        if (limited.StatusCode == HttpStatusCode.TooManyRequests) Assert.NotNull(limited.Headers.RetryAfter);
        // Liveness is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_login_form_is_rate_limited_per_address()
    {
        using var browser = PageClient.For(_gateway);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++) statuses.Add((await browser.LogInAsync($"someone-{i}", "x")).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    static async Task<double> TimeAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return clock.Elapsed.TotalMilliseconds;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
