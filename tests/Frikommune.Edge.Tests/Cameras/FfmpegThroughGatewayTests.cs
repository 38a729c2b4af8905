using System.Diagnostics;
using System.Net;
using Frikommune.Edge.Cameras;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.Cameras;

/// <summary>End to end: ffmpeg's MJPEG over HTTP → the gateway's stream endpoint → a viewer; cut at expiresAt.</summary>
public sealed class FfmpegThroughGatewayTests
{
    [Fact]
    public async Task A_real_MJPEG_camera_is_proxied_until_expiry_and_then_dropped()
    {
        var time = new FakeTimeProvider(StreamHost.Start);
        var port = Ffmpeg.FreePort();
        using var cameraHttp = new HttpClient();
        var camera = new MjpegCamera("room-12", new Uri($"http://127.0.0.1:{port}/video.mjpg"), cameraHttp);
        await using var host = await StreamHost.StartAsync(camera, time);
        using var viewer = new HttpClient();
        var ffmpeg = Ffmpeg.ServeMjpeg(port);
        try
        {
            var (response, reader) = await OpenWhenCameraListens(host, viewer);
            using var _ = response;
            for (var i = 0; i < 5; i++)
                Assert.True(Jpeg.LooksComplete(Assert.IsType<byte[]>(await reader.ReadFrameAsync(default))));

            time.Advance(TimeSpan.FromSeconds(30));

            while (await reader.ReadFrameAsync(default) is not null) { }
            Assert.Equal(StreamEndCause.Expired, Assert.Single(host.Sessions.Views).Cause);
            // ffmpeg -listen 1 serves one client and exits once that client has gone: the camera was let go.
            await ffmpeg.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally { Ffmpeg.Stop(ffmpeg); }
    }

    /// <summary>
    /// A token is one-time, so each attempt is a new session; attempts made before ffmpeg listens end with 503
    /// (camera-unavailable) at once.
    /// </summary>
    static async Task<(HttpResponseMessage, MjpegReader)> OpenWhenCameraListens(StreamHost host, HttpClient viewer)
    {
        var deadline = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var token = host.Sessions.Grant($"s{attempt}", "room-12", StreamHost.Start.AddSeconds(30));
            var response = await viewer.GetAsync(host.StreamUrl($"s{attempt}", token), HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                while (host.Sessions.Views.TryDequeue(out var _)) { }
                return (response, new MjpegReader(await response.Content.ReadAsStreamAsync(), null));
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            response.Dispose();
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "ffmpeg never started listening");
            await Task.Yield();
        }
    }
}
