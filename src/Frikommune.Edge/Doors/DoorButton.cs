namespace Frikommune.Edge.Doors;

/// <summary>The two buttons of a special door opener; a free door opens with either.</summary>
public enum DoorButton
{
    A = 0,
    B = 1,
}
