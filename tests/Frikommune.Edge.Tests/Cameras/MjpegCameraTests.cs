using System.Diagnostics;
using Frikommune.Edge.Cameras;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.Cameras;

/// <summary>A real MJPEG source: Debian's ffmpeg serving <c>-f mpjpeg</c> over HTTP on loopback.</summary>
public sealed class MjpegCameraTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Frames_from_ffmpeg_over_HTTP_are_whole_JPEG_pictures(bool multipartHeader)
    {
        var port = Ffmpeg.FreePort();
        var ffmpeg = Ffmpeg.ServeMjpeg(port, multipartHeader);
        try
        {
            using var http = new HttpClient();
            var camera = new MjpegCamera("room-12", new Uri($"http://127.0.0.1:{port}/video.mjpg"), http);
            var frames = await FirstFrames(camera, 5);
            Assert.All(frames, f => Assert.True(Jpeg.LooksComplete(f)));
            Assert.Equal("mjpeg,160,120,yuvj444p", await Ffmpeg.ProbeAsync(frames[^1]));
        }
        finally { Ffmpeg.Stop(ffmpeg); }
    }

    [Fact]
    public async Task Nothing_is_fetched_until_frames_are_asked_for()
    {
        var handler = new CountingHandler();
        var camera = new MjpegCamera("room-12", new Uri("http://192.0.2.12/video.mjpg"), new HttpClient(handler));
        _ = camera.Frames(CancellationToken.None);
        Assert.Equal(0, handler.Requests);
        await Assert.ThrowsAsync<CameraUnavailableException>(async () => await camera.Frames(CancellationToken.None).FirstAsync());
        Assert.Equal(1, handler.Requests);
    }

    /// <summary>
    /// ffmpeg gives no sign of when it listens, and its single client slot rules out a probe connection,
    /// so the first GET is retried while the connection is refused (each refusal on loopback is immediate).
    /// </summary>
    static async Task<List<byte[]>> FirstFrames(MjpegCamera camera, int count)
    {
        var deadline = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            try
            {
                var frames = new List<byte[]>();
                await foreach (var frame in camera.Frames(cts.Token))
                {
                    frames.Add(frame.ToArray());
                    if (frames.Count == count) return frames;
                }
                throw new InvalidOperationException("the source ended early");
            }
            catch (CameraUnavailableException) when (deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Yield();
            }
        }
    }

    sealed class CountingHandler : HttpMessageHandler
    {
        public int Requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable));
        }
    }
}
