namespace Frikommune.Edge.Doors;

/// <summary>
/// The door as published on <c>P/doors/&lt;id&gt;/state</c>. <see cref="Locked"/> is the lock output
/// (high = locked), <see cref="Open"/> the door contact; <see cref="Since"/> is when any of the three last changed.
/// </summary>
public sealed record DoorState(DoorMode Mode, bool Locked, bool Open, DateTimeOffset Since);
