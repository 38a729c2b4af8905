using System.Net;
using Frikommune.Edge.Cameras;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Simulation;
using Frikommune.Edge.Tests.Cameras;

namespace Frikommune.Edge.Tests.Web;

/// <summary>The stream endpoint on a real Kestrel; expiry is driven by <see cref="FakeTimeProvider"/>.</summary>
public sealed class CheckInStreamEndpointTests : IAsyncLifetime
{
    readonly FakeTimeProvider _time = new(StreamHost.Start);
    readonly PushCamera _camera = new("room-12");
    readonly HttpClient _client = new();
    readonly byte[] _picture = GrayJpegEncoder.Encode(new byte[32 * 32], 32, 32);
    StreamHost _host = null!;

    public async Task InitializeAsync() => _host = await StreamHost.StartAsync(_camera, _time);

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task It_streams_the_camera_as_uncacheable_multipart_and_closes_at_expiry()
    {
        var token = _host.Sessions.Grant("s1", "room-12", StreamHost.Start.AddSeconds(60));
        _camera.Push(_picture);
        using var response = await Open("s1", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType!.MediaType);
        AssertNoCache(response);
        var reader = new MjpegReader(await response.Content.ReadAsStreamAsync(), MjpegCamera.Boundary(response.Content.Headers.ContentType));
        Assert.Equal(_picture, await reader.ReadFrameAsync(default));
        Assert.True(_host.Viewers.IsViewing("room-12"));

        _time.Advance(TimeSpan.FromSeconds(59));
        _camera.Push(_picture);
        Assert.Equal(_picture, await reader.ReadFrameAsync(default));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await reader.ReadFrameAsync(default));
        var view = Assert.Single(_host.Sessions.Views);
        Assert.Equal(("s1", 60.0, StreamEndCause.Expired), view);
        Assert.False(_host.Viewers.IsViewing("room-12"));
        Assert.Equal(0, _camera.Open);
    }

    [Fact]
    public async Task A_session_ended_by_the_gate_closes_its_stream_at_once()
    {
        var token = _host.Sessions.Grant("s1", "room-12", StreamHost.Start.AddSeconds(60));
        _camera.Push(_picture);
        using var response = await Open("s1", token);
        var reader = new MjpegReader(await response.Content.ReadAsStreamAsync(), null);
        Assert.NotNull(await reader.ReadFrameAsync(default));
        _time.Advance(TimeSpan.FromSeconds(12));

        _host.Sessions.End("s1");

        Assert.Null(await reader.ReadFrameAsync(default));
        Assert.Equal(("s1", 12.0, StreamEndCause.SessionEnded), Assert.Single(_host.Sessions.Views));
        Assert.Equal(0, _camera.Open);
    }

    [Fact]
    public async Task A_wrong_or_missing_token_is_403_and_the_camera_is_not_contacted()
    {
        _host.Sessions.Grant("s1", "room-12", StreamHost.Start.AddSeconds(60));
        using var wrong = await Open("s1", StreamToken.New());
        using var missing = await Open("s1", null);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        AssertNoCache(wrong);
        Assert.Equal(0, _camera.Opened);
    }

    [Fact]
    public async Task Unknown_ended_and_expired_sessions_are_410()
    {
        var ended = _host.Sessions.Grant("ended", "room-12", StreamHost.Start.AddSeconds(60), open: false);
        var expired = _host.Sessions.Grant("expired", "room-12", StreamHost.Start);
        using var unknown = await Open("nope", StreamToken.New());
        using var endedResponse = await Open("ended", ended);
        using var expiredResponse = await Open("expired", expired);
        Assert.Equal(HttpStatusCode.Gone, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, endedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expiredResponse.StatusCode);
        AssertNoCache(unknown);
        Assert.Equal(0, _camera.Opened);
    }

    [Fact]
    public async Task A_token_opens_one_stream_only_while_the_first_runs_and_after_it_closed()
    {
        var token = _host.Sessions.Grant("s1", "room-12", StreamHost.Start.AddSeconds(60));
        _camera.Push(_picture);
        using (var first = await Open("s1", token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            using var second = await Open("s1", token);
            Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
            Assert.Contains("token-used", await second.Content.ReadAsStringAsync());
        }
        using var third = await Open("s1", token);
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        Assert.Equal(1, _camera.Opened);
    }

    [Fact]
    public async Task A_camera_that_fails_before_its_first_frame_is_503_and_counts_nothing_viewed()
    {
        _camera.FailWith = new CameraUnavailableException("refused");
        var token = _host.Sessions.Grant("s1", "room-12", StreamHost.Start.AddSeconds(60));
        using var response = await Open("s1", token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(("s1", 0.0, StreamEndCause.CameraFailed), Assert.Single(_host.Sessions.Views));
    }

    [Fact]
    public async Task A_viewer_who_leaves_is_reported_and_the_camera_released()
    {
        var token = _host.Sessions.Grant("s1", "room-12", StreamHost.Start.AddSeconds(60));
        _camera.Push(_picture);
        var response = await Open("s1", token);
        var reader = new MjpegReader(await response.Content.ReadAsStreamAsync(), null);
        Assert.NotNull(await reader.ReadFrameAsync(default));
        _time.Advance(TimeSpan.FromSeconds(5));
        response.Dispose();

        await _host.Sessions.FirstView;
        Assert.Equal(("s1", 5.0, StreamEndCause.ViewerLeft), Assert.Single(_host.Sessions.Views));
        Assert.False(_host.Viewers.IsViewing("room-12"));
    }

    Task<HttpResponseMessage> Open(string sessionId, string? token) =>
        _client.GetAsync(_host.StreamUrl(sessionId, token), HttpCompletionOption.ResponseHeadersRead);

    static void AssertNoCache(HttpResponseMessage response)
    {
        Assert.Equal("no-store, no-cache, must-revalidate, private", response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal("no-cache", response.Headers.Pragma.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
