namespace Frikommune.Edge.Configuration;

/// <summary>The <c>Doors</c> section: an array at the root, bound as one options type.</summary>
public sealed class DoorList : List<DoorOptions>;

/// <summary>The <c>Rooms</c> section: an array at the root, bound as one options type.</summary>
public sealed class RoomList : List<RoomOptions>;
