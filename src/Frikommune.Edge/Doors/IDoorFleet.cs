namespace Frikommune.Edge.Doors;

/// <summary>The unit's doors as their state machines, whatever drives their pins.</summary>
public interface IDoorFleet
{
    IEnumerable<DoorStateMachine> Doors { get; }
}
