using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Frikommune.Edge.Paging;
using Frikommune.Edge.Simulation;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Paging;

/// <summary>
/// A paging system at the other end of a real line: a pseudo-terminal pair made by Debian's <c>socat</c> (the
/// gateway opens its end with System.IO.Ports, as a serial port) or a TCP connection on loopback.
/// </summary>
public sealed class EspaPeer : IAsyncDisposable
{
    readonly TempDirectory _dir = new();
    readonly CancellationTokenSource _stop = new();
    Process? _socat;
    TcpListener? _listener;
    Task _serving = Task.CompletedTask;
    readonly List<byte> _heard = [];

    public PagingSimulator Simulator { get; } = new(TimeProvider.System);
    public Func<CancellationToken, ValueTask<Stream>> Open { get; private set; } = null!;

    /// <summary>The loopback port of a TCP peer.</summary>
    public int Port { get; private set; }

    /// <summary>Every byte the gateway put on the line, in order.</summary>
    public byte[] Heard { get { lock (_heard) return _heard.ToArray(); } }

    public static async Task<EspaPeer> SerialAsync()
    {
        var peer = new EspaPeer();
        var gateway = Path.Combine(peer._dir.Path, "gateway-tty");
        var paging = Path.Combine(peer._dir.Path, "paging-tty");
        peer._socat = Process.Start(new ProcessStartInfo("socat", ["-d", "-d", $"pty,raw,echo=0,link={gateway}", $"pty,raw,echo=0,link={paging}"])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        peer._socat.ErrorDataReceived += (_, _) => { };
        peer._socat.BeginErrorReadLine();
        await Eventually.TrueAsync(() => File.Exists(gateway) && File.Exists(paging), TimeSpan.FromSeconds(10), "socat made the pty pair");
        var pagingEnd = new FileStream(paging, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
        peer._serving = Task.Run(() => peer.Simulator.ServeAsync(new Tap(pagingEnd, peer), peer._stop.Token));
        peer.Open = EspaLines.Serial(gateway, 9600, System.IO.Ports.Parity.Even, 7);
        return peer;
    }

    public static EspaPeer Tcp()
    {
        var peer = new EspaPeer();
        peer._listener = new TcpListener(IPAddress.Loopback, 0);
        peer._listener.Start();
        var port = peer.Port = ((IPEndPoint)peer._listener.LocalEndpoint).Port;
        peer._serving = Task.Run(async () =>
        {
            while (!peer._stop.IsCancellationRequested)
            {
                var client = await peer._listener.AcceptTcpClientAsync(peer._stop.Token);
                _ = peer.Simulator.ServeAsync(new Tap(client.GetStream(), peer), peer._stop.Token);
            }
        });
        peer.Open = EspaLines.Tcp("127.0.0.1", port);
        return peer;
    }

    /// <summary>Pulls the cable: the pty pair disappears (socat ends) or the TCP listener closes.</summary>
    public void Cut()
    {
        if (_socat is { HasExited: false }) { _socat.Kill(); _socat.WaitForExit(5000); }
        _listener?.Stop();
        _stop.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        try { await _serving.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* ended by the cut */ }
        _socat?.Dispose();
        _dir.Dispose();
    }

    /// <summary>Records what the gateway sends, on its way into the simulator.</summary>
    sealed class Tap(Stream inner, EspaPeer peer) : Stream
    {
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            lock (peer._heard) peer._heard.AddRange(buffer.Span[..n].ToArray());
            return n;
        }
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}
