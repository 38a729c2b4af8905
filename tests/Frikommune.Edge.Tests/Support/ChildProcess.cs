using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Frikommune.Edge.Tests.Support;

/// <summary>A real child process (the gateway, or a probe) whose output the test can wait on.</summary>
public sealed class ChildProcess : IDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _lines = new();
    readonly SemaphoreSlim _lineArrived = new(0);

    ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>dotnet ASSEMBLY.dll args</c> from the test's output folder.</summary>
    public static ChildProcess StartDll(string assembly, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly + ".dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new ChildProcess(Process.Start(start)!);
    }

    /// <summary>Starts any program, e.g. <c>/usr/sbin/mosquitto</c>.</summary>
    public static ChildProcess StartExecutable(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        return new ChildProcess(Process.Start(start)!);
    }

    /// <summary>Starts the gateway: <c>frikommune-edge args</c>.</summary>
    public static ChildProcess StartGateway(params string[] args) => StartDll("frikommune-edge", args);

    public int Id => _process.Id;
    public string Output => string.Join('\n', _lines);
    public bool HasExited => _process.HasExited;

    /// <summary>The process's standard input (e.g. lines for <c>mosquitto_pub -l</c>).</summary>
    public StreamWriter Input => _process.StandardInput;

    void Add(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        _lineArrived.Release();
    }

    /// <summary>Waits until a line satisfying <paramref name="match"/> has been printed.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var hit = _lines.FirstOrDefault(match);
            if (hit is not null) return hit;
            if (_process.HasExited && !_lines.Any(match)) throw new InvalidOperationException($"process exited ({_process.ExitCode}) first:\n{Output}");
            try { await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"no matching line within {timeout}:\n{Output}"); }
        }
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Signal(int signal) => kill(_process.Id, signal);

    public const int SIGTERM = 15, SIGKILL = 9;

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int sig);

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
