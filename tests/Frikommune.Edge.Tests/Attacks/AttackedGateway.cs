using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Cli;
using Frikommune.Edge.Tests.Decisions;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Attacks;

/// <summary>
/// The gateway an attacker on the LAN meets: as installed (HTTPS from a device certificate made here, plain HTTP
/// redirecting) or as <c>run --simulate</c> on plain HTTP. Both with simulated hardware, the example site, a signed
/// video decision for room-12 and two users. <see cref="Url"/> is where the API is served.
/// </summary>
public sealed class AttackedGateway : IAsyncDisposable
{
    public const string Staff = "anna", StaffPassword = "staff-password", Technician = "tom", TechnicianPassword = "tech-password";

    AttackedGateway(TestSite site, InProcessGateway gateway, Uri url, X509Certificate2? certificate)
    {
        Site = site;
        Gateway = gateway;
        Url = url;
        Certificate = certificate;
    }

    public TestSite Site { get; }
    public InProcessGateway Gateway { get; }
    public Uri Url { get; }
    public X509Certificate2? Certificate { get; }
    public bool Https => Certificate is not null;

    public static async Task<AttackedGateway> StartAsync(bool https, Action<JsonObject>? configure = null)
    {
        var site = new TestSite();
        X509Certificate2? certificate = null;
        var url = site.BaseAddress;
        if (https)
        {
            var port = TestSite.FreeTcpPort();
            certificate = TestCertificate.WritePem(Path.Combine(site.ConfigDirectory, "tls", "device.crt"), Path.Combine(site.ConfigDirectory, "tls", "device.key"));
            site.Json["Http"]!["Urls"] = $"https://127.0.0.1:{port};http://127.0.0.1:{site.HttpPort}";
            site.Json["Http"]!["Certificate"] = new JsonObject { ["Path"] = "tls/device.crt", ["KeyPath"] = "tls/device.key" };
            url = new Uri($"https://127.0.0.1:{port}");
        }
        site.Json["Rooms"]![0]!["Camera"] = new JsonObject { ["Kind"] = "synthetic", ["Url"] = "http://cam-user:cam-secret-77@192.0.2.12/video.mjpg" };
        configure?.Invoke(site.Json);
        site.Write();
        using var kit = new DecisionTestKit();
        File.WriteAllText(Path.Combine(site.TrustDirectory, DecisionTestKit.Kid + ".pem"), kit.Key.ExportSubjectPublicKeyInfoPem());
        var now = DateTimeOffset.UtcNow;
        var token = Path.Combine(site.ConfigDirectory, "d-video.jws");
        File.WriteAllText(token, kit.Sign(new Dictionary<string, object?>(DecisionTestKit.Claims("d-video", nbf: now.AddDays(-1), exp: now.AddDays(30)))
        {
            ["checkin"] = new { maxSeconds = 30, minGapSeconds = 300, maxPer24h = 48, triggers = new[] { "staff-request" } },
        }));
        var imported = new StringWriter();
        if (await CommandLine.RunAsync(["decisions", "import", token, "--config", site.ConfigDirectory], imported, imported) != 0)
            throw new InvalidOperationException(imported.ToString());
        var gateway = await InProcessGateway.StartAsync(site, simulate: true);
        var users = gateway.Service<UserStore>();
        users.AddOrReplace(Staff, Roles.Staff, StaffPassword);
        users.AddOrReplace(Technician, Roles.Technician, TechnicianPassword);
        return new AttackedGateway(site, gateway, url, certificate);
    }

    /// <summary>A client of the served URL; over HTTPS it trusts exactly the device certificate, as a staff device would.</summary>
    public HttpClient Client(string? user = null, string? password = null, CookieContainer? cookies = null)
    {
        HttpMessageHandler handler = Certificate is { } c
            ? TestCertificate.PinnedHandler(c, cookies)
            : new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() };
        var client = new HttpClient(handler) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>Audit records of what a person did (check-ins, releases, objections, acknowledgements), not the gateway's own start-up records.</summary>
    public int AuditCount() => Gateway.Service<AuditReader>().ReadLast(100_000).Count(r => r.Entry.Actor != AuditEntry.Gateway);

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Site.Dispose();
    }
}
