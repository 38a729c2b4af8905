using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Frikommune.Edge.Cameras;

/// <summary>
/// Splits a <c>multipart/x-mixed-replace</c> body into JPEG frames with ASP.NET Core's <see cref="MultipartReader"/>: each
/// part runs to the next boundary and is trimmed to the first SOI and the last EOI. Cameras differ in whether their
/// boundary parameter already carries the leading "--", so both spellings are accepted; some (ffmpeg's HTTP server
/// among them) send no boundary parameter at all, and then the body's first line names it.
/// </summary>
sealed class MjpegReader(Stream source, string? boundary)
{
    /// <summary>Bigger than any room camera's picture; a part that exceeds it is garbage, not a frame.</summary>
    public const int MaxFrameBytes = 8 * 1024 * 1024;
    const int MaxHeaderBytes = 8 * 1024;

    readonly PipeReader _pipe = PipeReader.Create(source, new StreamPipeReaderOptions(leaveOpen: true));
    MultipartReader? _parts;

    /// <summary>The next complete frame, or null when the source has ended.</summary>
    public async ValueTask<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        _parts ??= new MultipartReader(Boundary(boundary ?? await SniffAsync(cancellationToken).ConfigureAwait(false)), _pipe.AsStream(leaveOpen: true))
        {
            HeadersLengthLimit = MaxHeaderBytes,
            BodyLengthLimit = MaxFrameBytes,
        };
        using var part = new MemoryStream();
        while (true)
        {
            part.SetLength(0);
            try
            {
                var section = await _parts.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false);
                if (section is null) return null;
                await section.Body.CopyToAsync(part, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw new CameraUnavailableException($"Not a usable MJPEG part: {e.Message}", e);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                if (!await SourceEndedAsync(cancellationToken).ConfigureAwait(false)) throw;
                // The source ended without the closing delimiter: what came of the last part may still be a whole picture.
                return Trim(part.GetBuffer().AsSpan(0, (int)part.Length));
            }
            if (Trim(part.GetBuffer().AsSpan(0, (int)part.Length)) is { } frame) return frame;
        }
    }

    /// <summary>MultipartReader says "unexpected end" with a plain IOException; a broken connection throws again here.</summary>
    async ValueTask<bool> SourceEndedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var rest = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            _pipe.AdvanceTo(rest.Buffer.End);
            return rest.IsCompleted;
        }
        catch (IOException) { return false; }
    }

    static string Boundary(string parameter) => parameter.Trim().Trim('"').TrimStart('-');

    /// <summary>The boundary from the first non-empty line of the body, which must start with "--"; nothing is consumed.</summary>
    async ValueTask<string> SniffAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var text = read.Buffer.Length > MaxHeaderBytes ? read.Buffer.Slice(0, MaxHeaderBytes) : read.Buffer;
            var lines = Encoding.ASCII.GetString(text.ToArray()).Split('\n');
            var complete = read.IsCompleted || read.Buffer.Length > MaxHeaderBytes ? lines : lines[..^1];
            var first = complete.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            _pipe.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            if (first is not null)
            {
                if (first.StartsWith("--", StringComparison.Ordinal) && first.TrimStart('-').Length > 0) return first;
                break;
            }
            if (read.IsCompleted || read.Buffer.Length > MaxHeaderBytes) break;
        }
        throw new CameraUnavailableException("Not an MJPEG stream: no multipart boundary.");
    }

    /// <summary>The bytes from the first SOI to the last EOI, or null if there is no whole picture.</summary>
    static byte[]? Trim(ReadOnlySpan<byte> part)
    {
        var soi = part.IndexOf([(byte)0xFF, (byte)0xD8]);
        var eoi = part.LastIndexOf([(byte)0xFF, (byte)0xD9]);
        return soi >= 0 && eoi > soi ? part[soi..(eoi + 2)].ToArray() : null;
    }
}
