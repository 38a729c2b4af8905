using System.Net;
using System.Net.Http.Headers;
using Frikommune.Edge.Tests.Page;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Web;

/// <summary><c>/metrics</c>: a technician or the configured bearer token, nobody else.</summary>
public sealed class MetricsAccessTests : IAsyncLifetime
{
    const string Token = "scraper-token-0123456789abcdefghijklmnop";
    readonly TestSite _site = new();
    InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _site.Json["Http"]!["MetricsToken"] = Token;
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

    async Task<HttpStatusCode> WithBearer(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _gateway.Client().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Without_login_it_is_401_and_says_which_schemes_work()
    {
        var response = await _gateway.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Staff_may_not_read_it_technicians_may()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.Client("anna", "staff-password").GetAsync("/metrics")).StatusCode);
        var tom = await _gateway.Client("tom", "tech-password").GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, tom.StatusCode);
        Assert.StartsWith("text/plain", tom.Content.Headers.ContentType!.ToString());
        using var page = await PageClient.LoggedInAsync(_gateway, "tom", "tech-password");
        Assert.Equal(HttpStatusCode.OK, (await page.Http.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task The_bearer_token_reads_it_a_wrong_or_truncated_one_does_not()
    {
        Assert.Equal(HttpStatusCode.OK, await WithBearer(Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithBearer(Token[..^1]));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithBearer(Token + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithBearer(""));
    }
}
