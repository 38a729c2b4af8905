using System.Net;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Tests.Web;

public sealed class HttpAccessTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartAsync(_site);
        _gateway.AddAnnaAndTom();
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_needs_no_login(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await _gateway.Client().GetAsync(path)).StatusCode);

    [Fact]
    public async Task The_api_without_login_is_401_with_a_basic_challenge()
    {
        var response = await _gateway.Client().GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("anna", "wrong-password")]
    [InlineData("nobody", "staff-password")]
    public async Task Wrong_credentials_are_401(string user, string password) =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.Client(user, password).GetAsync("/api/status")).StatusCode);

    [Fact]
    public async Task Staff_may_read_status()
    {
        var response = await _gateway.Client("anna", "staff-password").GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("herning-bo1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_may_not_see_configuration_403() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.Client("anna", "staff-password").GetAsync("/api/config")).StatusCode);

    [Fact]
    public async Task A_technician_sees_configuration_without_secrets()
    {
        var response = await _gateway.Client("tom", "tech-password").GetAsync("/api/config");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("door-west", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_configuration_is_camel_case_like_every_other_answer()
    {
        using var config = System.Text.Json.JsonDocument.Parse(await _gateway.Client("tom", "tech-password").GetStringAsync("/api/config"));
        var root = config.RootElement;

        Assert.Equal("Europe/Copenhagen", root.GetProperty("site").GetProperty("timeZone").GetString());
        Assert.Equal("door-west", root.GetProperty("doors")[0].GetProperty("id").GetString());
        Assert.False(root.TryGetProperty("Site", out _));
    }

    [Fact]
    public async Task Status_times_are_iso_utc_and_the_version_is_not_escaped()
    {
        var text = await _gateway.Client("anna", "staff-password").GetStringAsync("/api/status");
        using var status = System.Text.Json.JsonDocument.Parse(text);

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", status.RootElement.GetProperty("now").GetString());
        Assert.Contains($"\"version\":\"{Frikommune.Edge.Health.GatewayVersion.Current}\"", text);
        Assert.DoesNotContain("\\u002B", text);
    }

    [Fact]
    public void Passwords_are_stored_as_pbkdf2_hashes()
    {
        using var connection = _gateway.Service<Frikommune.Edge.Storage.Database>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM users WHERE name = 'anna'";
        var stored = (string)command.ExecuteScalar()!;
        Assert.StartsWith("pbkdf2-sha512$210000$", stored);
        Assert.DoesNotContain("staff-password", stored);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }
}
