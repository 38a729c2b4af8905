using System.Net;
using System.Security.Cryptography.X509Certificates;
using Frikommune.Edge.Cli;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Web;

/// <summary>The gateway as on a device: HTTPS from a PEM certificate, HTTP redirected, HSTS, Secure cookies.</summary>
public sealed class HttpsTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    readonly int _httpsPort = TestSite.FreeTcpPort();
    X509Certificate2 _certificate = null!;
    InProcessGateway _gateway = null!;

    Uri Https => new($"https://127.0.0.1:{_httpsPort}");

    public async Task InitializeAsync()
    {
        _certificate = TestCertificate.WritePem(Path.Combine(_site.ConfigDirectory, "tls", "device.crt"), Path.Combine(_site.ConfigDirectory, "tls", "device.key"));
        _site.Json["Http"]!["Urls"] = $"https://127.0.0.1:{_httpsPort};http://127.0.0.1:{_site.HttpPort}";
        _site.Json["Http"]!["Certificate"] = new System.Text.Json.Nodes.JsonObject { ["Path"] = "tls/device.crt", ["KeyPath"] = "tls/device.key" };
        _site.Write();
        _gateway = await InProcessGateway.StartAsync(_site);
        _gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "staff-password");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    HttpClient Client(CookieContainer? cookies = null) => new(TestCertificate.PinnedHandler(_certificate, cookies)) { BaseAddress = Https };

    [Fact]
    public async Task Kestrel_serves_the_configured_certificate_with_hsts()
    {
        var response = await Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_except_the_health_probes()
    {
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _site.BaseAddress };
        var api = await plain.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.PermanentRedirect, api.StatusCode);
        Assert.Equal($"https://127.0.0.1:{_httpsPort}/api/status", api.Headers.Location!.ToString());
        var login = await plain.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "anna", ["password"] = "staff-password" }));
        Assert.Equal(HttpStatusCode.PermanentRedirect, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task The_login_cookie_is_secure_and_works_over_https()
    {
        var cookies = new CookieContainer();
        using var client = Client(cookies);
        var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "anna", ["password"] = "staff-password" }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Edge.Web.Page.PageAuthentication.CookieName));
        Assert.Contains("secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session")).StatusCode);
    }

    [Fact]
    public async Task A_client_pinning_another_certificate_does_not_connect()
    {
        using var other = new TempDirectory();
        var stranger = TestCertificate.WritePem(other.File("x.crt"), other.File("x.key"));
        using var client = new HttpClient(TestCertificate.PinnedHandler(stranger)) { BaseAddress = Https };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/healthz"));
    }
}

public sealed class HttpsConfigurationTests : IDisposable
{
    readonly TestSite _site = new();

    (int Code, string Out) Validate()
    {
        var output = new StringWriter();
        var code = CommandLine.RunAsync(["config", "validate", "--config", _site.ConfigDirectory], output, output).GetAwaiter().GetResult();
        return (code, output.ToString());
    }

    [Fact]
    public void An_https_url_without_a_certificate_is_refused_naming_the_key()
    {
        _site.Json["Http"]!["Urls"] = "https://127.0.0.1:8443";
        _site.Write();
        Assert.Contains("Http:Certificate: is required", Validate().Out);
    }

    [Fact]
    public void A_missing_key_file_is_named()
    {
        TestCertificate.WritePem(Path.Combine(_site.ConfigDirectory, "tls", "device.crt"), Path.Combine(_site.ConfigDirectory, "tls", "other.key"));
        _site.Json["Http"]!["Urls"] = "https://127.0.0.1:8443";
        _site.Json["Http"]!["Certificate"] = new System.Text.Json.Nodes.JsonObject { ["Path"] = "tls/device.crt", ["KeyPath"] = "tls/device.key" };
        _site.Write();
        var (code, output) = Validate();
        Assert.NotEqual(0, code);
        Assert.Contains("Http:Certificate:KeyPath:", output);
    }

    [Fact]
    public void A_key_of_another_certificate_is_refused()
    {
        TestCertificate.WritePem(Path.Combine(_site.ConfigDirectory, "tls", "device.crt"), Path.Combine(_site.ConfigDirectory, "tls", "first.key"));
        TestCertificate.WritePem(Path.Combine(_site.ConfigDirectory, "tls", "other.crt"), Path.Combine(_site.ConfigDirectory, "tls", "device.key"));
        _site.Json["Http"]!["Urls"] = "https://127.0.0.1:8443";
        _site.Json["Http"]!["Certificate"] = new System.Text.Json.Nodes.JsonObject { ["Path"] = "tls/device.crt", ["KeyPath"] = "tls/device.key" };
        _site.Write();
        Assert.Contains("Http:Certificate:", Validate().Out);
    }

    public void Dispose() => _site.Dispose();
}
