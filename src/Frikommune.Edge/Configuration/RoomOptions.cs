namespace Frikommune.Edge.Configuration;

public sealed class RoomOptions
{
    public string Id { get; set; } = "";
    /// <summary>The resident's pseudonymous reference; never a name or CPR number.</summary>
    public string Resident { get; set; } = "";
    public CameraOptions Camera { get; set; } = new();
    public RoomPins Pins { get; set; } = new();
    public List<SensorOptions> Sensors { get; set; } = new();
}

public sealed class CameraOptions
{
    public string Kind { get; set; } = "";
    public string? Url { get; set; }
}

public sealed class RoomPins
{
    public int? CameraIndicator { get; set; }
}

public sealed class SensorOptions
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Topic { get; set; } = "";
    public string Format { get; set; } = "native";
}
