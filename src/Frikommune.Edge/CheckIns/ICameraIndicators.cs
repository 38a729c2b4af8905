namespace Frikommune.Edge.CheckIns;

/// <summary>
/// The lamp by each camera that shows a look-in is running (SEL § 128 b needs one). A check-in under a basis
/// that needs it is refused when the room's lamp cannot be driven.
/// </summary>
public interface ICameraIndicators : IDisposable
{
    void Start();

    /// <summary>Whether the room's lamp is configured and can be driven now.</summary>
    bool Works(string room);

    void Set(string room, bool on);
}
