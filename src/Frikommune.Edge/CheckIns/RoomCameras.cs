namespace Frikommune.Edge.CheckIns;

/// <summary>Every room's camera by room id; rooms without a usable camera configuration have none.</summary>
public sealed class RoomCameras(IReadOnlyDictionary<string, ICamera> cameras)
{
    public ICamera? Find(string room) => cameras.GetValueOrDefault(room);

    /// <summary>For the gate's <c>camera-unavailable</c> check.</summary>
    public bool Has(string room) => cameras.ContainsKey(room);
}
