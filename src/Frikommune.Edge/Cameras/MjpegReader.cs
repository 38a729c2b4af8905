using System.Text;
using Frikommune.Edge.CheckIns;
using Microsoft.AspNetCore.WebUtilities;

namespace Frikommune.Edge.Cameras;

/// <summary>PROTOTYPE: MultipartReader, Content-Length parts read by their length, the rest drained on the next call.</summary>
sealed class MjpegReader(Stream source, string? boundary)
{
    public const int MaxFrameBytes = 8 * 1024 * 1024;
    const int MaxHeaderBytes = 8 * 1024;

    readonly BufferedReadStream _source = new(source, MaxHeaderBytes);
    MultipartReader? _parts;

    public async ValueTask<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        _parts ??= new MultipartReader(Boundary(boundary ?? await SniffAsync(cancellationToken).ConfigureAwait(false)), _source)
        {
            HeadersLengthLimit = MaxHeaderBytes,
            BodyLengthLimit = MaxFrameBytes,
        };
        while (true)
        {
            var part = new MemoryStream();
            try
            {
                var section = await _parts.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false);
                if (section is null) return null;
                var length = long.TryParse(section.Headers?.GetValueOrDefault("Content-Length").ToString(), out var n) && n is > 0 and <= MaxFrameBytes ? n : (long?)null;
                var chunk = new byte[16 * 1024];
                while (length is null || part.Length < length)
                {
                    var want = length is { } l ? (int)Math.Min(chunk.Length, l - part.Length) : chunk.Length;
                    var got = await section.Body.ReadAsync(chunk.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                    if (got == 0) break;
                    part.Write(chunk, 0, got);
                }
            }
            catch (InvalidDataException e)
            {
                throw new CameraUnavailableException($"Not a usable MJPEG part: {e.Message}", e);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                // "Unexpected end of Stream": the source ended without the closing delimiter.
                if (await _source.EnsureBufferedAsync(cancellationToken).ConfigureAwait(false)) throw;
                return Trim(part.GetBuffer().AsSpan(0, (int)part.Length));
            }
            if (Trim(part.GetBuffer().AsSpan(0, (int)part.Length)) is { } frame) return frame;
        }
    }

    static string Boundary(string parameter) => parameter.Trim().Trim('"').TrimStart('-');

    async ValueTask<string> SniffAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (count < MaxHeaderBytes && await _source.EnsureBufferedAsync(count + 1, cancellationToken).ConfigureAwait(false))
        {
            var data = _source.BufferedData;
            count = data.Count;
            var text = Encoding.ASCII.GetString(data);
            var lines = text.Split('\n');
            var first = lines[..^1].Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            if (first is not null)
            {
                if (first.StartsWith("--", StringComparison.Ordinal) && first.TrimStart('-').Length > 0) return first;
                break;
            }
        }
        throw new CameraUnavailableException("Not an MJPEG stream: no multipart boundary.");
    }

    static byte[]? Trim(ReadOnlySpan<byte> part)
    {
        var soi = part.IndexOf([(byte)0xFF, (byte)0xD8]);
        var eoi = part.LastIndexOf([(byte)0xFF, (byte)0xD9]);
        return soi >= 0 && eoi > soi ? part[soi..(eoi + 2)].ToArray() : null;
    }
}
