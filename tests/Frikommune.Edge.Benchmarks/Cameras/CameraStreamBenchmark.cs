using System.Diagnostics;
using Frikommune.Edge.Cameras;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Benchmarks.Cameras;

/// <summary>
/// Stopwatch measurements of the check-in stream on loopback, real time (about 40 s):
/// added latency per frame through the proxy, expiresAt → connection closed, and CPU per open stream.
/// Run: <c>CameraStreamBenchmark.Run(Console.Out)</c> (e.g. from Program.cs behind an argument such as <c>camera-stream</c>).
/// CPU needs ffmpeg on PATH (the source runs in its own process so only the gateway and the viewer are counted).
/// </summary>
public static class CameraStreamBenchmark
{
    public static void Run(TextWriter output) => RunAsync(output).GetAwaiter().GetResult();

    public static async Task RunAsync(TextWriter output)
    {
        await FrameLatency(output, frames: 200);
        await ExpiryToClose(output, sessions: 10);
        await CpuPerStream(output, TimeSpan.FromSeconds(10));
    }

    /// <summary>From the source writing a frame to a viewer of the gateway's stream holding it whole.</summary>
    static async Task FrameLatency(TextWriter output, int frames)
    {
        var picture = new SyntheticCamera("room-12", TimeProvider.System).Render(DateTimeOffset.UtcNow);
        await using var source = await StampedSource.StartAsync(picture, framesPerSecond: 20);
        using var cameraHttp = new HttpClient();
        await using var gateway = await BenchGateway.StartAsync(new MjpegCamera("room-12", source.Url, cameraHttp));
        using var viewer = new HttpClient();
        var url = gateway.Grant("room-12", DateTimeOffset.UtcNow.AddMinutes(5));
        using var response = await viewer.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var reader = new MjpegReader(await response.Content.ReadAsStreamAsync(), null);
        var samples = new List<double>();
        for (var i = 0; i < frames + 10; i++)
        {
            var frame = await reader.ReadFrameAsync(default) ?? throw new InvalidOperationException("stream ended");
            var ms = Stopwatch.GetElapsedTime(StampedSource.StampOf(frame)).TotalMilliseconds;
            if (i >= 10) samples.Add(ms);
        }
        output.WriteLine($"frame latency source→gateway→viewer ({picture.Length + 12} B frames, 20 fps) n={samples.Count}  " +
            $"p50={Quantile(samples, 0.5):F3} ms  p99={Quantile(samples, 0.99):F3} ms  max={samples.Max():F3} ms");
    }

    /// <summary>From the wall-clock expiresAt to the viewer seeing the end of the stream.</summary>
    static async Task ExpiryToClose(TextWriter output, int sessions)
    {
        await using var gateway = await BenchGateway.StartAsync(new SyntheticCamera("room-12", TimeProvider.System));
        using var viewer = new HttpClient();
        var samples = new List<double>();
        for (var i = 0; i < sessions; i++)
        {
            var expiresAt = DateTimeOffset.UtcNow.AddMilliseconds(700);
            using var response = await viewer.GetAsync(gateway.Grant("room-12", expiresAt), HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            while (await body.ReadAsync(buffer) > 0) { }
            samples.Add((DateTimeOffset.UtcNow - expiresAt).TotalMilliseconds);
        }
        output.WriteLine($"expiresAt → stream closed at the viewer n={samples.Count}  " +
            $"p50={Quantile(samples, 0.5):F1} ms  max={samples.Max():F1} ms  min={samples.Min():F1} ms");
    }

    /// <summary>
    /// Process CPU time over wall time while one 10 fps 640×480 ffmpeg MJPEG stream is relayed to one viewer,
    /// minus the same viewer reading ffmpeg directly (what the gateway adds).
    /// </summary>
    static async Task CpuPerStream(TextWriter output, TimeSpan duration)
    {
        // Warm-up: the first run of each path pays for JIT compilation, which is not the cost of a stream.
        await MeasureCpu(TimeSpan.FromSeconds(2), throughGateway: false);
        await MeasureCpu(TimeSpan.FromSeconds(2), throughGateway: true);
        var direct = await MeasureCpu(duration, throughGateway: false);
        var relayed = await MeasureCpu(duration, throughGateway: true);
        output.WriteLine($"CPU, 10 fps 640x480 MJPEG for {duration.TotalSeconds:F0} s: viewer reading ffmpeg directly {direct.Cpu:P2} " +
            $"of one core ({direct.Frames} frames), through the gateway {relayed.Cpu:P2} ({relayed.Frames} frames) " +
            $"→ the gateway adds ≈ {relayed.Cpu - direct.Cpu:P2} of one core per open stream");
    }

    static async Task<(double Cpu, int Frames)> MeasureCpu(TimeSpan duration, bool throughGateway)
    {
        var port = FreePort();
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-hide_banner", "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=640x480:rate=10", "-f", "mpjpeg",
             "-content_type", "multipart/x-mixed-replace;boundary=ffmpeg", "-listen", "1", $"http://127.0.0.1:{port}/video.mjpg"])
            { UseShellExecute = false, RedirectStandardError = true })!;
        ffmpeg.BeginErrorReadLine();
        using var cameraHttp = new HttpClient();
        var camera = new MjpegCamera("room-12", new Uri($"http://127.0.0.1:{port}/video.mjpg"), cameraHttp);
        await using var gateway = await BenchGateway.StartAsync(camera);
        using var viewer = new HttpClient();
        try
        {
            var response = await OpenWhenListening(viewer, () => throughGateway
                ? gateway.Grant("room-12", DateTimeOffset.UtcNow.AddMinutes(5))
                : new Uri($"http://127.0.0.1:{port}/video.mjpg"));
            using var _ = response;
            var reader = new MjpegReader(await response.Content.ReadAsStreamAsync(), null);
            await reader.ReadFrameAsync(default);
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var frames = 0;
            while (wall.Elapsed < duration && await reader.ReadFrameAsync(default) is not null) frames++;
            process.Refresh();
            return ((process.TotalProcessorTime - cpu0).TotalSeconds / wall.Elapsed.TotalSeconds, frames);
        }
        finally
        {
            try { ffmpeg.Kill(); } catch (InvalidOperationException) { }
            await ffmpeg.WaitForExitAsync();
        }
    }

    static async Task<HttpResponseMessage> OpenWhenListening(HttpClient viewer, Func<Uri> url)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var response = await viewer.GetAsync(url(), HttpCompletionOption.ResponseHeadersRead);
                if (response.IsSuccessStatusCode) return response;
                response.Dispose();
            }
            catch (HttpRequestException) { }
            if (deadline.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException("ffmpeg did not listen");
            await Task.Delay(50);
        }
    }

    static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    static double Quantile(List<double> samples, double q)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
