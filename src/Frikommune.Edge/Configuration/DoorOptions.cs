namespace Frikommune.Edge.Configuration;

public sealed class DoorOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary><c>unit-door</c>, <c>outer-door</c> or <c>gate</c>: which bases may put a special door opener on it (CONTRACT § 2).</summary>
    public string Kind { get; set; } = Decisions.DoorKinds.UnitDoor;
    public DoorPins Pins { get; set; } = new();
    public int TwoButtonWindowMs { get; set; } = 1500;
    public int ReleaseSeconds { get; set; } = 5;
    public int HeldOpenAlarmSeconds { get; set; } = 30;
    public int DelayedEgressSeconds { get; set; } = 15;
    public int DebounceMs { get; set; } = 20;
}

public sealed class DoorPins
{
    public int? ButtonA { get; set; }
    public int? ButtonB { get; set; }
    public int? Contact { get; set; }
    public int? Lock { get; set; }
    public int? Sounder { get; set; }
    public int? FireRelease { get; set; }
    public int? LockHeartbeat { get; set; }
}
