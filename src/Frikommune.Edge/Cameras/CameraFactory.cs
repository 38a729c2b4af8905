using Frikommune.Edge.Configuration;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Cameras;

/// <summary>Builds a room's camera from its configuration. Building contacts nothing.</summary>
public static class CameraFactory
{
    public const string Mjpeg = "mjpeg";
    public const string Snapshot = "snapshot";
    public const string Synthetic = "synthetic";

    /// <summary>Every room's camera; rooms without a camera kind have none.</summary>
    public static RoomCameras ForRooms(IEnumerable<RoomOptions> rooms, HttpClient http, TimeProvider time) =>
        new(rooms.Where(r => !string.IsNullOrEmpty(r.Camera.Kind))
            .ToDictionary(r => r.Id, r => Create(r, http, time), StringComparer.Ordinal));

    public static ICamera Create(RoomOptions room, HttpClient http, TimeProvider time) => room.Camera.Kind switch
    {
        Mjpeg => new MjpegCamera(room.Id, Url(room), http),
        Snapshot => new SnapshotCamera(room.Id, Url(room), http, time),
        Synthetic => new SyntheticCamera(room.Id, time, time.LocalTimeZone),
        var kind => throw new ArgumentException($"Rooms:{room.Id}:Camera:Kind '{kind}' is not mjpeg, snapshot or synthetic."),
    };

    static Uri Url(RoomOptions room) =>
        Uri.TryCreate(room.Camera.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new ArgumentException($"Rooms:{room.Id}:Camera:Url must be an absolute http(s) URL.");
}
