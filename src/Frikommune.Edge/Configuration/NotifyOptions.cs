namespace Frikommune.Edge.Configuration;

/// <summary><c>Notify</c>: where alarms are called out besides MQTT and the page.</summary>
public sealed class NotifyOptions
{
    public List<ReceiverOptions> Receivers { get; set; } = new();
}

/// <summary>
/// One receiver: a handset or group number (<see cref="CallAddress"/>) on a paging system, the alarms it takes
/// and the escalation level it serves. Receivers with the same line (serial port or host:port) share it.
/// </summary>
public sealed class ReceiverOptions
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "espa444";
    public string CallAddress { get; set; } = "";
    public List<string> Kinds { get; set; } = new();
    public List<string> Priorities { get; set; } = new();
    public List<string> Rooms { get; set; } = new();
    public List<string> Doors { get; set; } = new();
    public int Level { get; set; }

    public string? SerialPort { get; set; }
    public int BaudRate { get; set; } = 9600;
    public string Parity { get; set; } = "Even";
    public int DataBits { get; set; } = 7;
    public string? Host { get; set; }
    public int? Port { get; set; }
    /// <summary>Under <c>--simulate</c>: talk to the paging-system simulator inside the gateway.</summary>
    public bool Simulated { get; set; }

    /// <summary>ESPA station addresses ('0'–'9'); the spec recommends 1 for us and 2 for the paging system.</summary>
    public string OwnAddress { get; set; } = "1";
    public string PagingAddress { get; set; } = "2";
    public int ResponseTimeoutMs { get; set; } = 1000;
    public int PollSeconds { get; set; } = 5;
    public int Retries { get; set; } = 2;
}
