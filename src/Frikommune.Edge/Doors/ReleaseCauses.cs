namespace Frikommune.Edge.Doors;

/// <summary>Why the door was released, as written to the audit trail.</summary>
public static class ReleaseCauses
{
    public const string ButtonPair = "button-pair";
    public const string SingleButtonFree = "single-button-free";
    public const string DelayedEgress = "delayed-egress";
    public const string Fire = "fire";
    public const string Fault = "fault";
    public const string StaffPrefix = "staff:";

    public static string Staff(string staffId) => StaffPrefix + staffId;
}
