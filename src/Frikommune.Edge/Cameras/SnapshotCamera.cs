using Frikommune.Edge.CheckIns;
namespace Frikommune.Edge.Cameras;

/// <summary>A camera that only offers a still JPEG at a URL: polled at a fixed rate while a check-in runs.</summary>
public sealed class SnapshotCamera(string room, Uri url, HttpClient http, TimeProvider time, double framesPerSecond = 2)
    : ICamera
{
    /// <summary>A still larger than this is not a picture from a room camera; it is refused rather than buffered.</summary>
    public const int MaxFrameBytes = 8 * 1024 * 1024;

    readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / framesPerSecond);

    public string Room => room;

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> Frames(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            yield return await Fetch(cancellationToken).ConfigureAwait(false);
            var wait = _interval - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    async Task<byte[]> Fetch(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.CacheControl = new() { NoCache = true, NoStore = true };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > MaxFrameBytes)
                throw new CameraUnavailableException($"Camera of {room}: the snapshot is too large.");
            var data = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (data.Length > MaxFrameBytes || !Jpeg.LooksComplete(data))
                throw new CameraUnavailableException($"Camera of {room}: the snapshot is not a JPEG picture.");
            return data;
        }
        catch (HttpRequestException e)
        {
            throw new CameraUnavailableException($"Camera of {room}: {e.Message}", e);
        }
    }
}
