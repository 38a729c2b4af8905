using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Frikommune.Edge.Cameras;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Frikommune.Edge.Benchmarks.Cameras;

/// <summary>
/// An MJPEG camera over HTTP whose frames carry, in a JPEG comment segment, the Stopwatch timestamp of the moment
/// they were written to the socket; a viewer reading them through the gateway knows each frame's age.
/// </summary>
sealed class StampedSource : IAsyncDisposable
{
    readonly WebApplication _app;

    StampedSource(byte[] picture, double framesPerSecond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/video.mjpg", async (HttpContext context) =>
        {
            context.Response.ContentType = "multipart/x-mixed-replace; boundary=cam";
            var interval = TimeSpan.FromSeconds(1 / framesPerSecond);
            var body = context.Response.Body;
            while (!context.RequestAborted.IsCancellationRequested)
            {
                var frame = Stamped(picture, Stopwatch.GetTimestamp());
                var head = Encoding.ASCII.GetBytes($"--cam\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Length}\r\n\r\n");
                try
                {
                    await body.WriteAsync(head, context.RequestAborted);
                    await body.WriteAsync(frame, context.RequestAborted);
                    await body.WriteAsync("\r\n"u8.ToArray(), context.RequestAborted);
                    await body.FlushAsync(context.RequestAborted);
                    await Task.Delay(interval, context.RequestAborted);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException) { break; }
            }
        });
    }

    public Uri Url { get; private set; } = null!;

    public static async Task<StampedSource> StartAsync(byte[] picture, double framesPerSecond)
    {
        var source = new StampedSource(picture, framesPerSecond);
        await source._app.StartAsync();
        var address = source._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        source.Url = new Uri(new Uri(address), "/video.mjpg");
        return source;
    }

    /// <summary>SOI, a COM segment holding the stamp, then the rest of the picture.</summary>
    static byte[] Stamped(byte[] picture, long stamp)
    {
        var frame = new byte[picture.Length + 12];
        frame[0] = 0xFF; frame[1] = 0xD8; frame[2] = 0xFF; frame[3] = 0xFE; frame[4] = 0; frame[5] = 10;
        BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(6), stamp);
        picture.AsSpan(2).CopyTo(frame.AsSpan(14));
        return frame;
    }

    public static long StampOf(byte[] frame) => BinaryPrimitives.ReadInt64BigEndian(frame.AsSpan(6));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
