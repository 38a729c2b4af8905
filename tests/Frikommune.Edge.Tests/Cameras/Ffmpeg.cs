using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Frikommune.Edge.Tests.Cameras;

/// <summary>Debian's ffmpeg/ffprobe as an independent JPEG decoder and as a real MJPEG camera over HTTP.</summary>
static class Ffmpeg
{
    /// <summary>"codec,width,height,pix_fmt" of the picture as ffprobe reads it.</summary>
    public static async Task<string> ProbeAsync(byte[] jpeg)
    {
        var file = await WriteTempAsync(jpeg);
        try
        {
            var (code, output, error) = await RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height,pix_fmt",
                "-of", "csv=p=0", file);
            Assert.True(code == 0 && error.Length == 0, $"ffprobe failed ({code}): {error}");
            return output.Trim();
        }
        finally { File.Delete(file); }
    }

    /// <summary>The decoded 8-bit gray pixels; fails on any decoder complaint.</summary>
    public static async Task<byte[]> DecodeGrayAsync(byte[] jpeg)
    {
        var file = await WriteTempAsync(jpeg);
        try
        {
            var (code, _, error) = await RunAsync("ffmpeg", "-v", "error", "-y", "-i", file, "-f", "rawvideo", "-pix_fmt", "gray", file + ".raw");
            Assert.True(code == 0 && error.Length == 0, $"ffmpeg failed ({code}): {error}");
            return await File.ReadAllBytesAsync(file + ".raw");
        }
        finally { File.Delete(file); File.Delete(file + ".raw"); }
    }

    /// <summary>
    /// ffmpeg serving a 10 fps test picture as <c>-f mpjpeg</c> to one HTTP client, then exiting.
    /// With <paramref name="multipartHeader"/> false it sends ffmpeg's default <c>application/octet-stream</c>.
    /// </summary>
    public static Process ServeMjpeg(int port, bool multipartHeader = true, string size = "160x120", int rate = 10)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in (string[])["-hide_banner", "-v", "error", "-re", "-f", "lavfi", "-i", $"testsrc=size={size}:rate={rate}", "-f", "mpjpeg"])
            start.ArgumentList.Add(a);
        if (multipartHeader)
        {
            start.ArgumentList.Add("-content_type");
            start.ArgumentList.Add("multipart/x-mixed-replace;boundary=ffmpeg");
        }
        foreach (var a in (string[])["-listen", "1", $"http://127.0.0.1:{port}/video.mjpg"])
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static void Stop(Process process)
    {
        try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { }
        process.WaitForExit(5000);
        process.Dispose();
    }

    static async Task<string> WriteTempAsync(byte[] data)
    {
        var file = Path.Combine(Path.GetTempPath(), "fke-" + Guid.NewGuid().ToString("N")[..12] + ".jpg");
        await File.WriteAllBytesAsync(file, data);
        return file;
    }

    static async Task<(int Code, string Output, string Error)> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
