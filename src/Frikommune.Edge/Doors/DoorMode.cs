namespace Frikommune.Edge.Doors;

/// <summary>What governs the door right now; fire and fault outrank any decision.</summary>
public enum DoorMode
{
    /// <summary>No § 14b decision in force (or clock untrusted, or no door alarm): one button opens.</summary>
    Free,
    /// <summary>Særlig døråbner, § 14b: both buttons open; one button calls staff.</summary>
    SpecialOpener,
    /// <summary>The building's fire alarm holds the door released.</summary>
    FireRelease,
    /// <summary>The gateway cannot trust its own view of the door, so the door stays released.</summary>
    Fault,
}

public static class DoorModeNames
{
    /// <summary>The name used on MQTT and HTTP (CONTRACT § 4).</summary>
    public static string ToContractName(this DoorMode mode) => mode switch
    {
        DoorMode.Free => "free",
        DoorMode.SpecialOpener => "special-opener",
        DoorMode.FireRelease => "fire-release",
        DoorMode.Fault => "fault",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
