using System.Net;
using System.Net.Http.Headers;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Page;

/// <summary><c>GET /api/events</c> over real HTTP: the current picture at once, then each change as it happens.</summary>
public sealed class EventStreamTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartAsync(_site, simulate: true);
        _gateway.Service<UserStore>().AddOrReplace("tom", Roles.Technician, "tech-password");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    [Fact]
    public async Task A_new_alarm_is_pushed_to_an_open_event_stream_without_caching()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var tom = _gateway.Client("tom", "tech-password");
        using var response = await tom.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/events"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("event: alarms", await events.ReadLineAsync(timeout.Token));
        Assert.Equal("data: []", await events.ReadLineAsync(timeout.Token));

        var played = await tom.PostAsync("/api/sim/sensors/bed-12", new StringContent("""{"event":"seizure"}""", new MediaTypeHeaderValue("application/json")));
        played.EnsureSuccessStatusCode();
        string? line;
        var sawEvent = false;
        while ((line = await events.ReadLineAsync(timeout.Token)) is not null)
        {
            if (line == "event: alarms") sawEvent = true;
            else if (sawEvent && line.StartsWith("data: ")) break;
        }
        Assert.NotNull(line);
        Assert.Contains("\"kind\":\"seizure\"", line);
        Assert.Contains("\"room\":\"room-12\"", line);
    }
}
