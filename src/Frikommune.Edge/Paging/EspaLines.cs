using System.IO.Ports;
using System.Net.Sockets;

namespace Frikommune.Edge.Paging;

/// <summary>The two ways to reach a paging system's ESPA port: a serial line, or a serial-over-TCP converter.</summary>
public static class EspaLines
{
    /// <summary>ESPA 4.4.4 § 2.1: 7 data bits, even parity, one stop bit unless the paging system says otherwise.</summary>
    public static Func<CancellationToken, ValueTask<Stream>> Serial(string port, int baudRate, Parity parity, int dataBits) => _ =>
    {
        var serial = new SerialPort(port, baudRate, parity, dataBits, StopBits.One) { Handshake = Handshake.None };
        serial.Open();
        return ValueTask.FromResult<Stream>(new OwningStream(serial.BaseStream, serial));
    };

    public static Func<CancellationToken, ValueTask<Stream>> Tcp(string host, int port) => async cancel =>
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, port, cancel);
            return new OwningStream(client.GetStream(), client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    };

    /// <summary>Closes the port or socket with the stream, which also ends a read blocked on it.</summary>
    sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) { inner.Dispose(); owner.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
