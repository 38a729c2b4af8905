using System.Diagnostics;

namespace Frikommune.Edge.Benchmarks.Mqtt;

/// <summary>Mosquitto's own publisher, <c>mosquitto_pub -l -q 1</c>: one message per line of its standard input.</summary>
sealed class MosquittoPub : IDisposable
{
    const string Executable = "/usr/bin/mosquitto_pub";
    readonly Process _process;

    MosquittoPub(Process process) => _process = process;

    public static MosquittoPub Start(int port, string topic) =>
        new(Process.Start(new ProcessStartInfo(Executable, ["-h", "127.0.0.1", "-p", port.ToString(), "-q", "1", "-t", topic, "-l"])
        {
            RedirectStandardInput = true,
        })!);

    /// <summary>Writes lines at <paramref name="perSecond"/> (in 10 ms slices) until cancelled; returns how many.</summary>
    public async Task<long> FeedAtRateAsync(string line, int perSecond, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var writer = _process.StandardInput;
        while (!stop.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
            for (; sent < due; sent++) await writer.WriteLineAsync(line);
            await writer.FlushAsync();
            try { await Task.Delay(10, stop); } catch (OperationCanceledException) { }
        }
        return sent;
    }

    public void Close()
    {
        _process.StandardInput.Close();
        _process.WaitForExit(30_000);
    }

    /// <summary>Publishes every line of a file and returns the seconds mosquitto_pub took, start to exit.</summary>
    public static async Task<double> RunFileAsync(int port, string topic, string file)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var p = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"{Executable} -h 127.0.0.1 -p {port} -q 1 -t '{topic}' -l < '{file}'"]))!;
        await p.WaitForExitAsync();
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
