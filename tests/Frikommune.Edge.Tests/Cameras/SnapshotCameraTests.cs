using System.Net;
using Frikommune.Edge.Cameras;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Tests.Cameras;

public sealed class SnapshotCameraTests
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task It_polls_once_per_interval_and_only_while_frames_are_asked_for()
    {
        var handler = new StillHandler();
        var camera = new SnapshotCamera("room-12", new Uri("http://192.0.2.12/snap.jpg"), new HttpClient(handler), _time, framesPerSecond: 2);
        Assert.Equal(0, handler.Requests);

        using var cts = new CancellationTokenSource();
        await using var frames = camera.Frames(cts.Token).GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());
        Assert.Equal(handler.Picture, frames.Current.ToArray());
        Assert.Equal(1, handler.Requests);

        var next = frames.MoveNextAsync().AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(1, handler.Requests);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await next);
        Assert.Equal(2, handler.Requests);

        next = frames.MoveNextAsync().AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "image/jpeg")]
    [InlineData(HttpStatusCode.OK, "text/html")]
    public async Task An_error_or_a_non_picture_makes_the_camera_unavailable(HttpStatusCode status, string kind)
    {
        var handler = new StillHandler { Status = status, SendHtml = kind == "text/html" };
        var camera = new SnapshotCamera("room-12", new Uri("http://192.0.2.12/snap.jpg"), new HttpClient(handler), _time);
        await Assert.ThrowsAsync<CameraUnavailableException>(async () => await camera.Frames(CancellationToken.None).FirstAsync());
    }

    sealed class StillHandler : HttpMessageHandler
    {
        public readonly byte[] Picture = GrayJpegEncoder.Encode(new byte[16 * 16], 16, 16);
        public int Requests;
        public HttpStatusCode Status = HttpStatusCode.OK;
        public bool SendHtml;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(new HttpResponseMessage(Status)
            {
                Content = SendHtml ? new StringContent("<html></html>") : new ByteArrayContent(Picture),
            });
        }
    }
}
