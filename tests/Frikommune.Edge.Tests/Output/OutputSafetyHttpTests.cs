using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frikommune.Edge.Tests.Page;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Web;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Output;

/// <summary>What the gateway hands out over HTTP cannot be turned against its reader.</summary>
public sealed class OutputSafetyHttpTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _site.Json["Rooms"]![0]!["Camera"] = new JsonObject { ["Kind"] = "mjpeg", ["Url"] = "http://admin:hemmelig-kode@192.0.2.12/video.mjpg?user=cam&password=hemmelig-2&fps=5" };
        _site.Write();
        _gateway = await InProcessGateway.StartAsync(_site, simulate: true);
        _gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "staff-password");
        _gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    [Theory]
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\r\n/evil.example", "/")]
    [InlineData(" //evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/%09/evil.example", "/%09/evil.example")]
    [InlineData("/?tab=alarms", "/?tab=alarms")]
    public async Task After_login_the_browser_is_sent_only_to_a_path_on_this_gateway(string returnUrl, string expected)
    {
        using var browser = PageClient.For(_gateway);
        var response = await browser.Http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "anna", ["password"] = "staff-password", ["returnUrl"] = returnUrl,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Camera_credentials_do_not_leave_the_device_through_the_configuration()
    {
        var text = await _gateway.Client("tom", "tech-password").GetStringAsync("/api/config");
        Assert.DoesNotContain("hemmelig", text);
        Assert.DoesNotContain("admin", text);
        Assert.Contains("192.0.2.12/video.mjpg", text);
        Assert.Contains("fps=5", text);
    }

    [Fact]
    public void Secret_mask_hides_user_information_and_secret_query_values()
    {
        Assert.Equal("rtsp://********@cam.local:554/stream", SecretMask.Url("rtsp://u:p@cam.local:554/stream"));
        Assert.Equal("http://cam/x.jpg?token=********&w=1", SecretMask.Url("http://cam/x.jpg?token=abc&w=1"));
        Assert.Equal(SecretMask.Mask, SecretMask.Url("not a url with password"));
    }

    [Fact]
    public void A_public_address_comes_from_configuration_never_a_request()
    {
        Assert.Equal("https://gw.local:8443/x", new PublicAddress(new() { Urls = "http://0.0.0.0:8080", PublicUrl = "https://gw.local:8443" }).Link("/x"));
        Assert.Equal("https://10.0.0.5:8443/x", new PublicAddress(new() { Urls = "http://10.0.0.5:8080;https://10.0.0.5:8443" }).Link("/x"));
        Assert.Equal($"https://{System.Net.Dns.GetHostName().ToLowerInvariant()}:8443/x",
            new PublicAddress(new() { Urls = "https://0.0.0.0:8443;http://0.0.0.0:8080" }).Link("/x").ToLowerInvariant());
    }

    [Fact]
    public async Task A_forged_login_name_is_one_escaped_line_in_the_log_file()
    {
        var refused = await _gateway.Client("mallory\r\n2026-11-30T21:00:00.000Z [INF] Frikommune.Edge.Doors: door-west released by anna", "x").GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var logs = Path.Combine(_site.DataDirectory, "logs");
        string text = "";
        await Eventually.TrueAsync(() =>
        {
            text = string.Join("", Directory.GetFiles(logs).Select(f =>
            {
                using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                return new StreamReader(s).ReadToEnd();
            }));
            return text.Contains("mallory");
        }, TimeSpan.FromSeconds(30), "the failed login in the log file");
        var line = text.Split('\n').Single(l => l.Contains("mallory"));
        Assert.Contains("\\u000d\\u000a2026-11-30", line);
        Assert.DoesNotContain(text.Split('\n'), l => l.StartsWith("2026-11-30T21:00:00.000Z"));
    }
}
