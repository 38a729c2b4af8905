namespace Frikommune.Edge.Tests.Support;

/// <summary>A real Mosquitto broker as a child process on a free loopback port, with a generated config; restartable on the same port.</summary>
public sealed class Mosquitto : IDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";
    readonly TempDirectory _dir = new();
    readonly string[] _extraConfig;
    ChildProcess? _process;
    bool _persistent;

    Mosquitto(int port, string[] extraConfig)
    {
        Port = port;
        _extraConfig = extraConfig;
    }

    public int Port { get; }

    /// <summary>
    /// The shipped broker's settings for bursts and latency, read from <c>config/mosquitto/frikommune.conf</c> itself,
    /// so a test started with them proves the configuration install.sh ships.
    /// </summary>
    public static string[] ShippedQueueSettings { get; } = File.ReadAllLines(Path.Combine(TestSite.RepositoryRoot, "config", "mosquitto", "frikommune.conf"))
        .Where(l => l.StartsWith("max_queued_", StringComparison.Ordinal) || l.StartsWith("max_inflight_", StringComparison.Ordinal) || l.StartsWith("set_tcp_nodelay", StringComparison.Ordinal))
        .ToArray();
    public string Directory => _dir.Path;

    /// <param name="listenerConfig">Lines that go under the listener (TLS files, password_file, allow_anonymous false).</param>
    public static Task<Mosquitto> StartAsync(params string[] listenerConfig) => StartAsync(persistent: false, listenerConfig);

    /// <param name="persistent">Keeps sessions and queued messages across a restart (in the broker's own temp folder).</param>
    public static async Task<Mosquitto> StartAsync(bool persistent, params string[] listenerConfig)
    {
        var broker = new Mosquitto(TestSite.FreeTcpPort(), listenerConfig) { _persistent = persistent };
        await broker.StartAsync();
        return broker;
    }

    public async Task StartAsync()
    {
        var config = _dir.File("mosquitto.conf");
        var anonymous = _extraConfig.Any(l => l.StartsWith("allow_anonymous")) ? [] : new[] { "allow_anonymous true" };
        File.WriteAllLines(config, [
            .. (_persistent ? new[] { "persistence true", $"persistence_location {_dir.Path}/" } : ["persistence false"]), "log_dest stderr", "log_type error", "log_type warning", "log_type notice", "log_type information",
            // Started as root, Mosquitto would switch to its own user and could not read the test's key files or write its folder.
            $"user {Environment.UserName}", "per_listener_settings false", $"listener {Port} 127.0.0.1", .. anonymous, .. _extraConfig]);
        _process = ChildProcess.StartExecutable(Executable, "-c", config);
        await _process.WaitForLineAsync(l => l.Contains(" running"), TimeSpan.FromSeconds(10));
    }

    /// <summary>A clean broker stop (SIGTERM), waiting until it has exited.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Signal(ChildProcess.SIGTERM);
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        _process = null;
    }

    /// <summary>Freezes the broker (SIGSTOP): its sockets stay open but nothing is answered, as with a wedged broker.</summary>
    public void Pause() => _process?.Signal(SIGSTOP);

    /// <summary>Lets a paused broker run on (SIGCONT).</summary>
    public void Resume() => _process?.Signal(SIGCONT);

    const int SIGSTOP = 19, SIGCONT = 18; // Linux

    public string Output => _process?.Output ?? "";

    public void Dispose()
    {
        _process?.Dispose();
        _dir.Dispose();
    }
}
