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

    /// <summary>
    /// Lines one <c>mosquitto_pub -l -q 1</c> run may be given. Debian's mosquitto_pub 2.0.11 treats the first PUBACK
    /// whose message id equals the last message's as the end, but ids are 16 bits and wrap after 65,535: with more lines,
    /// read from a file long before the broker has acknowledged that many, it disconnects after (lines mod 65,535)
    /// acknowledgements, exits 0 and never sends the rest. The broker then logs the disconnect as "due to out of memory"
    /// (a misleading message for a client that leaves with a PUBACK outstanding, eclipse-mosquitto#3253, fixed in 2.0.22).
    /// Seen here as 100,000-line bursts ending at 34,47x and 70,000 at 4,479, while 65,000 arrive in full.
    /// </summary>
    public const int MaxLinesPerRun = 60_000;

    /// <summary>
    /// Publishes <paramref name="count"/> copies of <paramref name="line"/> by files of at most <see cref="MaxLinesPerRun"/>
    /// lines, one mosquitto_pub after the other; returns the seconds they took, first start to last exit.
    /// </summary>
    public static async Task<double> RunLinesAsync(int port, string topic, string line, int count, string folder)
    {
        var files = new List<string>();
        for (var left = count; left > 0; left -= MaxLinesPerRun)
        {
            var file = Path.Combine(folder, $"burst-{Math.Min(left, MaxLinesPerRun)}.txt");
            if (!File.Exists(file)) File.WriteAllLines(file, Enumerable.Repeat(line, Math.Min(left, MaxLinesPerRun)));
            files.Add(file);
        }
        var t0 = Stopwatch.GetTimestamp();
        foreach (var file in files) await RunFileAsync(port, topic, file);
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    /// <summary>Publishes every line of a file (at most <see cref="MaxLinesPerRun"/>) and returns the seconds mosquitto_pub took, start to exit.</summary>
    public static async Task<double> RunFileAsync(int port, string topic, string file)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var p = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"{Executable} -h 127.0.0.1 -p {port} -q 1 -t '{topic}' -l < '{file}'"]))!;
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"mosquitto_pub exited {p.ExitCode}");
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
