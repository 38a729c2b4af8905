using System.Text;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Health;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Web;

/// <summary>JSON the gateway sends to machines escapes only what JSON requires: a version keeps its "+".</summary>
public sealed class JsonEscapingTests
{
    const string Version = "0.1.0+";

    [Fact]
    public void The_status_payload_carries_the_version_as_it_is()
    {
        Assert.StartsWith(Version, GatewayVersion.Current); // built from git: the commit follows a "+"
        var payload = Encoding.UTF8.GetString(GatewayStatus.Payload(true, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains($"\"version\":\"{GatewayVersion.Current}\"", payload);
        Assert.DoesNotContain("\\u", payload);
    }

    [Fact]
    public async Task Api_status_carries_the_version_as_it_is()
    {
        using var site = new TestSite();
        await using var gateway = await InProcessGateway.StartAsync(site);
        gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "staff-password");
        var body = await gateway.Client("anna", "staff-password").GetStringAsync("/api/status");
        Assert.Contains($"\"version\":\"{GatewayVersion.Current}\"", body);
        Assert.DoesNotContain("\\u002B", body);
    }
}
