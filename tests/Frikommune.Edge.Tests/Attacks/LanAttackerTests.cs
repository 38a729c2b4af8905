using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Web.Page;
using Xunit.Abstractions;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Attacks;

/// <summary>
/// The HTTP rows of issue 15's table, tried from the network as an attacker would, against the gateway as
/// installed (HTTPS) and as <c>--simulate</c> (plain HTTP on loopback). Every attempt must be refused and leave
/// nothing in the audit trail; the gateway must stay responsive while it is guessed at.
/// </summary>
public abstract class LanAttackerTests(bool https, ITestOutputHelper output) : IAsyncLifetime
{
    protected AttackedGateway Target = null!;

    public async Task InitializeAsync() => Target = await AttackedGateway.StartAsync(https);
    public async Task DisposeAsync() => await Target.DisposeAsync();

    HttpClient Anna => Target.Client(AttackedGateway.Staff, AttackedGateway.StaffPassword);

    [Fact]
    public async Task Without_a_login_nothing_is_viewed_released_acknowledged_or_recorded()
    {
        var before = Target.AuditCount();
        var mallory = Target.Client();
        var attempts = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Post, "/api/checkins", """{"room":"room-12","reason":"mallory"}"""),
            (HttpMethod.Post, "/api/doors/door-west/release", """{"seconds":300}"""),
            (HttpMethod.Post, "/api/residents/resident-7f3a/objection", """{"objects":true}"""),
            (HttpMethod.Post, "/api/alarms/a-1/ack", null),
            (HttpMethod.Get, "/api/config", null),
            (HttpMethod.Get, "/metrics", null),
            (HttpMethod.Get, "/api/status", null),
        };
        foreach (var (method, path, body) in attempts)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
            Assert.Equal(HttpStatusCode.Unauthorized, (await mallory.SendAsync(request)).StatusCode);
        }
        Assert.Equal(before, Target.AuditCount());
    }

    [Fact]
    public async Task Guessing_passwords_over_basic_gets_a_few_checks_then_none_and_healthz_stays_responsive()
    {
        using var refused = Target.Gateway.Service<Edge.Metrics.GatewayMetrics>().Collect(Edge.Web.LoginGate.RefusedMetric);
        using var rateLimited = Target.Gateway.Service<Edge.Metrics.GatewayMetrics>().Collect(Edge.Web.RequestLimits.RejectedMetric);
        using var monitor = Target.Client();
        await HealthzAsync(monitor, 20); // warm: connection and JIT
        var idle = await HealthzAsync(monitor, 50);
        using var stop = new CancellationTokenSource();
        var answered = 0;
        var burst = Enumerable.Range(0, 6).Select(a => Task.Run(async () =>
        {
            using var client = Target.Client();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{(i % 3 == 0 ? "anna" : $"user{a}-{i}")}:guess-{a}-{i}")));
                try { if ((await client.SendAsync(request, stop.Token)).StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref answered); }
                catch (OperationCanceledException) { }
            }
        })).ToList();
        var during = await HealthzAsync(monitor, 150);
        stop.Cancel();
        await Task.WhenAll(burst);
        long Read(string outcome) => refused.Sum(("via", "basic"), ("outcome", outcome));
        var checkedInBurst = Read("wrong-password");
        output.WriteLine($"https={Target.Https} answers={answered}, password checks={checkedInBurst}, busy={Read("busy")}, " +
            $"rate-limited={rateLimited.Sum()}");
        output.WriteLine($"healthz idle p50 {Pct(idle, .5):0.0} p99 {Pct(idle, .99):0.0} ms; during the burst p50 {Pct(during, .5):0.0} p99 {Pct(during, .99):0.0} max {during.Max():0.0} ms");
        Assert.True(answered >= 6, $"only {answered} answers: the burst did not run");
        Assert.InRange(checkedInBurst, 1, LoginThrottle.MaxAddressFailures);
        // Going on slowly, below the rate limit: the address gets MaxAddressFailures password checks in all, then none.
        using var slow = Target.Client();
        for (var i = 0; i < LoginThrottle.MaxAddressFailures + 10; i++)
        {
            for (var tries = 0; tries < 100; tries++) // past the rate limit and the busy answers the burst left behind
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"slow-{i}:guess")));
                var status = (await slow.SendAsync(request)).StatusCode;
                Assert.NotEqual(HttpStatusCode.OK, status);
                if (status == HttpStatusCode.Unauthorized) break;
                await Task.Delay(50);
            }
        }
        Assert.Equal(LoginThrottle.MaxAddressFailures, Read("wrong-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anna.GetAsync("/api/status")).StatusCode); // the right password is not even checked now
        Assert.True(Pct(during, .99) <= 150, $"/healthz p99 {Pct(during, .99):0.0} ms during the burst");
    }

    [Fact]
    public async Task A_common_password_cannot_be_set()
    {
        Assert.Throws<ArgumentException>(() => Target.Gateway.Service<UserStore>().AddOrReplace("bent", Roles.Staff, "password"));
        Assert.Throws<ArgumentException>(() => Target.Gateway.Service<UserStore>().AddOrReplace("bent", Roles.Staff, "password1234"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Target.Client("bent", "password").GetAsync("/api/status")).StatusCode);
    }

    [Fact]
    public async Task A_stolen_cookie_dies_with_logout_and_with_a_lowered_role()
    {
        var cookies = new CookieContainer();
        using var tom = Target.Client(cookies: cookies);
        var login = await tom.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "tom", ["password"] = AttackedGateway.TechnicianPassword }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = cookies.GetAllCookies().Single(c => c.Name == PageAuthentication.CookieName);
        Assert.Equal(Target.Https, cookie.Secure);
        async Task<HttpStatusCode> Stolen()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/config");
            request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
            return (await Target.Client().SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await Stolen());
        Target.Gateway.Service<UserStore>().AddOrReplace("tom", Roles.Staff, AttackedGateway.TechnicianPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, await Stolen());
    }

    [Fact]
    public async Task A_huge_or_malformed_body_is_refused_and_fills_nothing()
    {
        var before = Target.AuditCount();
        var huge = new StringContent($$"""{"room":"room-12","reason":"{{new string('x', 25 * 1024 * 1024)}}"}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Anna.PostAsync("/api/checkins", huge)).StatusCode);
        var long201 = new StringContent($$"""{"room":"room-12","reason":"{{new string('x', 201)}}"}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await Anna.PostAsync("/api/checkins", long201)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Anna.PostAsync("/api/doors/door-west/release", new StringContent("""{"seconds":"10"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Anna.PostAsync("/api/checkins", new ByteArrayContent([0x7b, 0x22, 0xff, 0x22, 0x7d]))).StatusCode);
        Assert.Equal(before, Target.AuditCount());
    }

    [Fact]
    public async Task No_open_redirect_after_login()
    {
        using var browser = Target.Client();
        var response = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "anna", ["password"] = AttackedGateway.StaffPassword, ["returnUrl"] = "/\t/evil.example/phish",
        }));
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Camera_credentials_and_the_metrics_stay_hidden()
    {
        var config = await Target.Client("tom", AttackedGateway.TechnicianPassword).GetStringAsync("/api/config");
        Assert.DoesNotContain("cam-secret-77", config);
        Assert.Equal(HttpStatusCode.Forbidden, (await Anna.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_forged_host_header_does_not_reach_the_stream_url()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkins")
        {
            Content = new StringContent("""{"room":"room-12","reason":"råb"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "evil.example";
        var response = await Anna.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var streamUrl = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("streamUrl").GetString()!;
        Assert.StartsWith(Target.Url.GetLeftPart(UriPartial.Authority) + "/checkins/", streamUrl);
    }

    static async Task<List<double>> HealthzAsync(HttpClient client, int samples)
    {
        var ms = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            ms.Add(clock.Elapsed.TotalMilliseconds);
            await Task.Delay(10);
        }
        return ms;
    }

    static double Pct(List<double> ms, double q)
    {
        var sorted = ms.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }
}

[Collection(AloneOnTheMachine.Name)]
public sealed class LanAttackerOverHttpsTests(ITestOutputHelper output) : LanAttackerTests(https: true, output)
{
    [Fact]
    public async Task Credentials_sent_over_plain_http_are_not_served_but_redirected()
    {
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Target.Site.BaseAddress };
        plain.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AttackedGateway.Staff}:{AttackedGateway.StaffPassword}")));
        var response = await plain.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https", response.Headers.Location!.Scheme);
        Assert.True((await Target.Client().GetAsync("/healthz")).Headers.Contains("Strict-Transport-Security"));
    }
}

[Collection(AloneOnTheMachine.Name)]
public sealed class LanAttackerAsSimulateTests(ITestOutputHelper output) : LanAttackerTests(https: false, output);
