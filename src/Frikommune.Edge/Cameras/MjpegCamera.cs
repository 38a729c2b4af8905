using System.Net.Http.Headers;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Cameras;

/// <summary>An IP camera's HTTP MJPEG stream: one GET per check-in, dropped when the check-in ends.</summary>
public sealed class MjpegCamera(string room, Uri url, HttpClient http) : ICamera
{
    public string Room => room;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> Frames(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await Connect(cancellationToken).ConfigureAwait(false);
        var boundary = Boundary(response.Content.Headers.ContentType);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var reader = new MjpegReader(body, boundary);
        while (true)
        {
            byte[]? frame;
            try
            {
                frame = await reader.ReadFrameAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CameraUnavailableException e)
            {
                throw new CameraUnavailableException($"Camera of {room}: {e.Message}", e);
            }
            catch (IOException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CameraUnavailableException($"Camera of {room}: the stream broke off.", e);
            }
            if (frame is null) yield break;
            yield return frame;
        }
    }

    async Task<HttpResponseMessage> Connect(CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                response.Dispose();
                throw new CameraUnavailableException($"Camera of {room}: HTTP {(int)response.StatusCode}.");
            }
            return response;
        }
        catch (HttpRequestException e)
        {
            throw new CameraUnavailableException($"Camera of {room}: {e.Message}", e);
        }
    }

    /// <summary>The boundary parameter, or null to read it from the body.</summary>
    internal static string? Boundary(MediaTypeHeaderValue? contentType)
    {
        if (contentType?.MediaType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) != true) return null;
        var value = contentType.Parameters
            .FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        return string.IsNullOrEmpty(value) || value.Trim('-').Length == 0 ? null : value;
    }
}
