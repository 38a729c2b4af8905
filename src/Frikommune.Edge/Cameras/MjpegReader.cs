using System.Text;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Cameras;

/// <summary>
/// Splits a <c>multipart/x-mixed-replace</c> body into JPEG frames. Parts with a Content-Length are cut by it;
/// parts without one run to the next boundary and are trimmed to the first SOI and the last EOI. Cameras differ in
/// whether their boundary parameter already carries the leading "--", so both spellings are accepted; some
/// (ffmpeg's HTTP server among them) send no boundary parameter at all, and then the body's first line names it.
/// Header lines may end in a bare LF.
/// Not ASP.NET Core's <c>MultipartReader</c>, not even reading just Content-Length bytes from a section: before returning
/// any byte, its section stream (<c>MultipartReaderStream.ReadAsync</c>) awaits <c>EnsureBufferedAsync(FinalBoundaryLength)</c>,
/// a whole CRLF "--" boundary "--" in its private buffer. When a picture's last few bytes come in a read of their own
/// (a short last TCP segment) and the camera then waits, the picture waits for the next one (the last before a pause for
/// ever). It also ends lines only at CRLF. Both are pinned in <c>MjpegReaderTests</c>.
/// </summary>
sealed class MjpegReader(Stream source, string? boundary)
{
    /// <summary>Bigger than any room camera's picture; a part that exceeds it is garbage, not a frame.</summary>
    public const int MaxFrameBytes = 8 * 1024 * 1024;
    const int MaxHeaderBytes = 8 * 1024;

    byte[]? _delimiter = boundary is null ? null : Delimiter(boundary);
    byte[] _buffer = new byte[64 * 1024];
    int _start;
    int _end;

    /// <summary>The next complete frame, or null when the source has ended.</summary>
    public async ValueTask<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        _delimiter ??= await SniffAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var at = await FindAsync(_delimiter, 0, cancellationToken).ConfigureAwait(false);
            if (at < 0) return null;
            Consume(at + _delimiter.Length);
            var headers = await ReadHeadersAsync(cancellationToken).ConfigureAwait(false);
            if (headers is null) return null;
            var frame = headers.Value.ContentLength is { } length
                ? await ReadCountedAsync(length, cancellationToken).ConfigureAwait(false)
                : await ReadToBoundaryAsync(cancellationToken).ConfigureAwait(false);
            if (frame is not null) return frame;
        }
    }

    static byte[] Delimiter(string boundary) => Encoding.ASCII.GetBytes("--" + boundary.Trim().Trim('"').TrimStart('-'));

    /// <summary>The delimiter from the first non-empty line of the body, which must start with "--".</summary>
    async ValueTask<byte[]> SniffAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = await FindAsync("\n"u8.ToArray(), 0, cancellationToken).ConfigureAwait(false);
            if (newline < 0 || newline > MaxHeaderBytes) break;
            var line = Encoding.ASCII.GetString(_buffer, _start, newline).Trim();
            if (line.Length == 0) { Consume(newline + 1); continue; }
            if (line.StartsWith("--", StringComparison.Ordinal) && line.TrimStart('-').Length > 0) return Delimiter(line);
            break;
        }
        throw new CameraUnavailableException("Not an MJPEG stream: no multipart boundary.");
    }

    /// <summary>Null at the closing delimiter ("--boundary--") or at the end of the source.</summary>
    async ValueTask<PartHeaders?> ReadHeadersAsync(CancellationToken cancellationToken)
    {
        long? length = null;
        var first = true;
        var read = 0;
        while (true)
        {
            var newline = await FindAsync("\n"u8.ToArray(), 0, cancellationToken).ConfigureAwait(false);
            if (newline < 0) return null;
            var line = Encoding.ASCII.GetString(_buffer, _start, newline).TrimEnd('\r').Trim();
            Consume(newline + 1);
            read += newline + 1;
            if (read > MaxHeaderBytes) throw new CameraUnavailableException("MJPEG part headers are too long.");
            if (first)
            {
                first = false;
                if (line.StartsWith("--", StringComparison.Ordinal)) return null;
                if (line.Length == 0) continue;
            }
            if (line.Length == 0) return new PartHeaders(length);
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(line[(colon + 1)..].Trim(), out var n) && n is > 0 and <= MaxFrameBytes)
                length = n;
        }
    }

    async ValueTask<byte[]?> ReadCountedAsync(long length, CancellationToken cancellationToken)
    {
        while (_end - _start < length)
            if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return null;
        var frame = Trim(_buffer.AsSpan(_start, (int)length));
        Consume((int)length);
        return frame;
    }

    async ValueTask<byte[]?> ReadToBoundaryAsync(CancellationToken cancellationToken)
    {
        var next = await FindAsync(_delimiter!, 0, cancellationToken).ConfigureAwait(false);
        var end = next < 0 ? _end - _start : next;
        var frame = Trim(_buffer.AsSpan(_start, end));
        Consume(end);
        return frame;
    }

    /// <summary>The bytes from the first SOI to the last EOI, or null if there is no whole picture.</summary>
    static byte[]? Trim(ReadOnlySpan<byte> part)
    {
        var soi = part.IndexOf([(byte)0xFF, (byte)0xD8]);
        var eoi = part.LastIndexOf([(byte)0xFF, (byte)0xD9]);
        return soi >= 0 && eoi > soi ? part[soi..(eoi + 2)].ToArray() : null;
    }

    /// <summary>Index of <paramref name="pattern"/> relative to the unread data, reading more as needed; -1 at the end.</summary>
    async ValueTask<int> FindAsync(byte[] pattern, int from, CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start + from, _end - _start - from).IndexOf(pattern);
            if (found >= 0) return from + found;
            from = Math.Max(from, _end - _start - pattern.Length + 1);
            if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return -1;
        }
    }

    async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else if (_buffer.Length >= MaxFrameBytes + MaxHeaderBytes)
                throw new CameraUnavailableException("MJPEG part exceeds the largest picture a camera sends.");
            else
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxFrameBytes + MaxHeaderBytes));
        }
        var n = await source.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += n;
        return n > 0;
    }

    void Consume(int count) => _start += count;

    readonly record struct PartHeaders(long? ContentLength);
}
