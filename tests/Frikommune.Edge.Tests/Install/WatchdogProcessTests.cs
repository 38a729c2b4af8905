using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Install;

/// <summary>The real gateway as a child process, with a datagram socket standing in for systemd's notify socket.</summary>
public class WatchdogProcessTests
{
    // Microsoft.Extensions.Hosting.Systemd 10.0 only takes over (and sends READY=1 itself) when the parent process is
    // called "systemd"; otherwise the gateway's own SystemdWatchdog sends it. Both paths must give exactly one READY=1.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sends_READY_once_then_feeds_the_watchdog(bool parentNamedSystemd)
    {
        using var site = new TestSite();
        using var dir = new TempDirectory();
        var socketPath = dir.File("notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        var gateway = new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "frikommune-edge.dll"), "run", "--config", site.ConfigDirectory };
        ProcessStartInfo start;
        if (parentNamedSystemd)
        {
            // A shell whose process name is "systemd" stays the gateway's parent (two commands, so no exec).
            var systemd = dir.File("systemd");
            File.CreateSymbolicLink(systemd, "/bin/sh");
            start = new ProcessStartInfo(systemd) { ArgumentList = { "-c", "\"$@\"; exit $?", "sh" } };
            foreach (var a in gateway) start.ArgumentList.Add(a);
        }
        else
        {
            start = new ProcessStartInfo(gateway[0]);
            foreach (var a in gateway[1..]) start.ArgumentList.Add(a);
        }
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["WATCHDOG_USEC"] = "2000000";
        start.Environment.Remove("WATCHDOG_PID");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var received = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var buffer = new byte[4096];
            try
            {
                while (received.Count(m => m == "WATCHDOG=1") < 2)
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                    received.Add(Encoding.UTF8.GetString(buffer, 0, n));
                }
            }
            catch (OperationCanceledException)
            {
                lock (output) Assert.Fail($"got [{string.Join(", ", received)}] within 30 s; gateway output:\n{output}");
            }
            Assert.Single(received, m => m == "READY=1");
            Assert.DoesNotContain(received, m => m.StartsWith("STATUS=unhealthy", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
