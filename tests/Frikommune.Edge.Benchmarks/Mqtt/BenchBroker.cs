using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Frikommune.Edge.Benchmarks.Mqtt;

/// <summary>A Mosquitto child process on a free loopback port, restartable on the same port.</summary>
sealed class BenchBroker : IDisposable
{
    readonly string _config = Path.Combine(Path.GetTempPath(), $"fke-bench-{Guid.NewGuid():N}.conf");
    Process? _process;

    public BenchBroker()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        Port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        // The shipped broker's queue and latency settings, read from the shipped file: a gateway too slow for a flood
        // still loses messages here once the shipped queue is full, as it would in the field.
        File.WriteAllLines(_config, ["persistence false", $"user {Environment.UserName}", .. ShippedSettings(), "log_dest stderr", "log_type information", "log_type notice", "log_type warning", $"listener {Port} 127.0.0.1", "allow_anonymous true"]);
    }

    /// <summary>The burst and latency lines of <c>config/mosquitto/frikommune.conf</c>, the config install.sh ships.</summary>
    public static string[] ShippedSettings()
    {
        var file = Path.Combine(RepositoryRoot(), "config", "mosquitto", "frikommune.conf");
        return File.ReadAllLines(file).Where(l => l.StartsWith("max_queued_", StringComparison.Ordinal) || l.StartsWith("max_inflight_", StringComparison.Ordinal)
            || l.StartsWith("set_tcp_nodelay", StringComparison.Ordinal)).ToArray();
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Frikommune.Edge.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    public int Port { get; }

    /// <summary>The running broker's process id (its CPU time is read from /proc per burst).</summary>
    public int Pid => _process?.Id ?? 0;

    int _dropNotices;
    public int DropNotices => Volatile.Read(ref _dropNotices);
    public string? LastDropNotice { get; private set; }

    /// <summary>Mosquitto's lines about clients it disconnected other than on their own request.</summary>
    public List<string> Disconnects { get; } = [];

    /// <summary>Starts and returns when it accepts connections.</summary>
    public void Start()
    {
        // Mosquitto logs "… running" to stderr once its listener is open.
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", _config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(" running") == true) running.TrySetResult();
            // Mosquitto says so when a client's queue (max_queued_messages) overflows and it drops messages for it.
            if (e.Data?.Contains("dropped", StringComparison.OrdinalIgnoreCase) == true) { Interlocked.Increment(ref _dropNotices); LastDropNotice = e.Data; }
            // A client the broker threw out (e.g. "disconnected due to out of memory"): the bench reports these.
            if (e.Data?.Contains("disconnected", StringComparison.OrdinalIgnoreCase) == true && !e.Data.Contains("disconnected.", StringComparison.Ordinal))
                lock (Disconnects) Disconnects.Add(e.Data);
        };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        if (!running.Task.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("mosquitto did not start");
    }

    public void Stop()
    {
        if (_process is null) return;
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        File.Delete(_config);
    }
}
