using System.Text;
using Frikommune.Edge.Cameras;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.Cameras;

public sealed class MjpegReaderTests
{
    static readonly byte[] A = Picture(1, 300);
    static readonly byte[] B = Picture(2, 5000);

    [Fact]
    public async Task Parts_with_Content_Length_are_cut_by_it()
    {
        var body = Part("--cam", A, withLength: true) + Part("--cam", B, withLength: true);
        Assert.Equal([A, B], await ReadAll(body, "cam"));
    }

    [Fact]
    public async Task Parts_without_Content_Length_run_to_the_next_boundary_and_are_trimmed_to_SOI_EOI()
    {
        var body = "\r\n" + Part("--cam", A, withLength: false) + Part("--cam", B, withLength: false) + "--cam--\r\n";
        Assert.Equal([A, B], await ReadAll(body, "cam"));
    }

    [Theory]
    [InlineData("--myboundary")]
    [InlineData("\"myboundary\"")]
    public async Task A_boundary_parameter_with_dashes_or_quotes_is_accepted(string parameter)
    {
        var body = Part("--myboundary", A, withLength: false) + Part("--myboundary", B, withLength: true);
        Assert.Equal([A, B], await ReadAll(body, parameter));
    }

    [Fact]
    public async Task Without_a_boundary_parameter_the_first_line_names_it()
    {
        var body = Part("--ffmpeg", A, withLength: true) + Part("--ffmpeg", B, withLength: true);
        Assert.Equal([A, B], await ReadAll(body, null));
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_is_refused_when_sniffing() =>
        await Assert.ThrowsAsync<CameraUnavailableException>(() => ReadAll("<html>login</html>\r\n", null));

    [Fact]
    public async Task A_part_without_a_whole_picture_is_skipped()
    {
        var body = "--cam\r\nContent-Type: image/jpeg\r\n\r\nnot a picture\r\n" + Part("--cam", B, withLength: false);
        Assert.Equal([B], await ReadAll(body, "cam"));
    }

    [Fact]
    public async Task The_closing_delimiter_ends_the_stream()
    {
        var body = Part("--cam", A, withLength: true) + "--cam--\r\n" + Part("--cam", B, withLength: true);
        Assert.Equal([A], await ReadAll(body, "cam"));
    }

    [Fact]
    public async Task Header_lines_ended_by_a_bare_LF_are_read()
    {
        var body = Part("--cam", A, withLength: true, eol: "\n") + Part("--cam", B, withLength: false, eol: "\n") + "--cam--\n";
        Assert.Equal([A, B], await ReadAll(body, "cam"));
    }

    [Fact]
    public async Task A_part_longer_than_the_largest_picture_is_refused()
    {
        var filler = new string('\x11', MjpegReader.MaxFrameBytes + 64 * 1024);
        var body = "--cam\r\nContent-Type: image/jpeg\r\n\r\n\xFF\xD8" + filler + "\xFF\xD9\r\n--cam--\r\n";
        await Assert.ThrowsAsync<CameraUnavailableException>(() => ReadAll(body, "cam"));
    }

    [Fact]
    public async Task Part_headers_longer_than_8_KiB_are_refused()
    {
        var body = "--cam\r\nX-Padding: " + new string('x', 8 * 1024) + "\r\n\r\n" + Encoding.Latin1.GetString(A) + "\r\n";
        await Assert.ThrowsAsync<CameraUnavailableException>(() => ReadAll(body, "cam"));
    }

    [Fact]
    public async Task Frames_arriving_one_byte_at_a_time_are_reassembled()
    {
        var body = Part("--cam", A, withLength: false) + Part("--cam", B, withLength: true) + Part("--cam", A, withLength: false);
        Assert.Equal([A, B, A], await ReadAll(body, "cam", trickle: true));
    }

    [Fact]
    public async Task A_part_with_Content_Length_is_delivered_before_the_next_part_begins()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        await pipe.Writer.WriteAsync(Encoding.Latin1.GetBytes(Part("--cam", A, withLength: true)));
        var reader = new MjpegReader(pipe.Reader.AsStream(), "cam");
        Assert.Equal(A, await reader.ReadFrameAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        await pipe.Writer.CompleteAsync();
    }

    /// <summary>
    /// The hold-back a naive swap to ASP.NET Core's MultipartReader brings back: its section stream returns no byte until
    /// a boundary's length (CRLF "--" boundary "--") is buffered, so when a picture's last few bytes come in a read of
    /// their own and the camera then pauses, reading even exactly Content-Length bytes waits for the next part.
    /// </summary>
    [Theory]
    [InlineData(3, "\r\n")]
    [InlineData(3, "")]
    [InlineData(1, "\r\n")]
    public async Task A_picture_whose_last_bytes_come_in_a_short_read_is_delivered_while_the_camera_pauses(int tail, string after)
    {
        var part = Encoding.Latin1.GetBytes(Part("--cam", A, withLength: true)[..^2] + after);
        var split = part.Length - after.Length - tail;
        using var pause = new CancellationTokenSource();
        var reader = new MjpegReader(new PausingStream(part[..split], part[split..]), "cam");
        try
        {
            Assert.Equal(A, await reader.ReadFrameAsync(pause.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            await pause.CancelAsync();
        }
    }

    static async Task<List<byte[]>> ReadAll(string body, string? boundary, bool trickle = false)
    {
        Stream stream = new MemoryStream(Encoding.Latin1.GetBytes(body));
        if (trickle) stream = new TrickleStream(stream);
        var reader = new MjpegReader(stream, boundary);
        var frames = new List<byte[]>();
        while (await reader.ReadFrameAsync(CancellationToken.None) is { } frame) frames.Add(frame);
        return frames;
    }

    static string Part(string delimiter, byte[] picture, bool withLength, string eol = "\r\n") =>
        $"{delimiter}{eol}Content-Type: image/jpeg{eol}" + (withLength ? $"Content-length: {picture.Length}{eol}" : "") + eol
        + Encoding.Latin1.GetString(picture) + eol;

    /// <summary>SOI, filler that never forms a marker, EOI.</summary>
    static byte[] Picture(int seed, int length)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        for (var i = 0; i < data.Length; i++) if (data[i] == 0xFF || data[i] == '-') data[i] = 0x11;
        data[0] = 0xFF; data[1] = 0xD8; data[^2] = 0xFF; data[^1] = 0xD9;
        return data;
    }

    /// <summary>A camera's socket: each read gets (at most) the next chunk; after the last the camera pauses until cancelled.</summary>
    sealed class PausingStream(params byte[][] chunks) : ReadOnlyStream
    {
        int _chunk;
        int _offset;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_chunk == chunks.Length) await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            var n = Math.Min(buffer.Length, chunks[_chunk].Length - _offset);
            chunks[_chunk].AsMemory(_offset, n).CopyTo(buffer);
            _offset += n;
            if (_offset == chunks[_chunk].Length) (_chunk, _offset) = (_chunk + 1, 0);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    sealed class TrickleStream(Stream inner) : ReadOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(1, count));
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }

    /// <summary>A source that can only be read, as a camera's response body.</summary>
    abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
