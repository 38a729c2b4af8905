using System.IO.Pipelines;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Paging;

/// <summary>Two connected in-memory streams: a serial cable inside the process, for a simulated paging system.</summary>
public static class DuplexPipe
{
    public static (Stream A, Stream B) Create()
    {
        var ab = new Pipe();
        var ba = new Pipe();
        return (new End(ba.Reader, ab.Writer), new End(ab.Reader, ba.Writer));
    }

    sealed class End(PipeReader reader, PipeWriter writer) : Stream
    {
        readonly Stream _in = reader.AsStream();
        readonly Stream _out = writer.AsStream();
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => _out.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _in.ReadAsync(buffer, cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _out.WriteAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) { _in.Dispose(); _out.Dispose(); }
            base.Dispose(disposing);
        }
    }
}
