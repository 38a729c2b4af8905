using Frikommune.Edge.Cameras;

namespace Frikommune.Edge.CheckIns;

/// <summary>
/// A room's camera. It is contacted only while <see cref="Frames"/> is being enumerated and stops the moment the
/// token is cancelled: outside a check-in nothing is fetched, decoded or kept (LEGAL rule 3).
/// </summary>
public interface ICamera
{
    string Room { get; }

    /// <summary>
    /// Complete JPEG pictures (SOI … EOI), newest as they come. Each memory is the caller's to keep. Ends when the
    /// source ends; throws <see cref="CameraUnavailableException"/> when the source cannot be reached or is garbled.
    /// </summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> Frames(CancellationToken cancellationToken);
}

/// <summary>The camera could not be reached or sent something that is not pictures. Carries no picture data.</summary>
public sealed class CameraUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

static class Jpeg
{
    /// <summary>Starts with SOI and ends with EOI: a frame, not a fragment.</summary>
    public static bool LooksComplete(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8 && data[^2] == 0xFF && data[^1] == 0xD9;
}
