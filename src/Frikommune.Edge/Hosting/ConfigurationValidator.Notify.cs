using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Hosting;

public static partial class ConfigurationValidator
{
    public static readonly string[] ReceiverKinds = ["espa444"];
    public static readonly string[] SerialParities = ["None", "Odd", "Even", "Mark", "Space"];
    static readonly string[] PriorityNames = ["high", "medium", "low"];

    // Rooms or doors that are invalid themselves (null) are not checked against: their own lines say what is wrong.
    static void ValidateReceivers(NotifyOptions notify, IReadOnlyList<RoomOptions>? roomList, IReadOnlyList<DoorOptions>? doorList, Action<string, string> fail)
    {
        var ids = new HashSet<string>();
        var rooms = roomList?.Select(r => r.Id).ToHashSet();
        var doors = doorList?.Select(d => d.Id).ToHashSet();
        for (var i = 0; i < notify.Receivers.Count; i++)
        {
            var r = notify.Receivers[i];
            var key = $"Notify:Receivers:{i}";
            if (!IsReference(r.Id)) fail($"{key}:Id", "is required: 1-64 characters of A-Z a-z 0-9 . _ -");
            else if (!ids.Add(r.Id)) fail($"{key}:Id", $"receiver id '{r.Id}' is used twice");
            if (!ReceiverKinds.Contains(r.Kind)) fail($"{key}:Kind", $"'{r.Kind}' is not one of {string.Join(", ", ReceiverKinds)}");
            if (r.CallAddress.Length is < 1 or > 16 || !r.CallAddress.All(c => c is >= '!' and <= '~'))
                fail($"{key}:CallAddress", "is required: 1-16 printable ASCII characters, as the paging system numbers the handset or group");
            foreach (var (kind, j) in r.Kinds.Select((k, j) => (k, j)))
                if (!AlarmNames.TryParseKind(kind, out _)) fail($"{key}:Kinds:{j}", $"'{kind}' is not an alarm kind");
            foreach (var (priority, j) in r.Priorities.Select((p, j) => (p, j)))
                if (!PriorityNames.Contains(priority)) fail($"{key}:Priorities:{j}", $"'{priority}' is not one of high, medium, low");
            foreach (var (room, j) in r.Rooms.Select((x, j) => (x, j)))
                if (rooms is not null && !rooms.Contains(room)) fail($"{key}:Rooms:{j}", $"room '{room}' is not configured");
            foreach (var (door, j) in r.Doors.Select((x, j) => (x, j)))
                if (doors is not null && !doors.Contains(door)) fail($"{key}:Doors:{j}", $"door '{door}' is not configured");
            if (r.Level is < 0 or > 9) fail($"{key}:Level", "must be 0-9");
            ValidateLine(r, key, fail);
        }
    }

    static void ValidateLine(ReceiverOptions r, string key, Action<string, string> fail)
    {
        var serial = !string.IsNullOrWhiteSpace(r.SerialPort);
        var tcp = !string.IsNullOrWhiteSpace(r.Host) || r.Port is not null;
        if (serial && tcp) fail($"{key}:SerialPort", "give either SerialPort or Host and Port, not both");
        else if (!serial && !tcp && !r.Simulated) fail($"{key}:SerialPort", "is required: a serial port, or Host and Port of a serial-over-TCP converter (or Simulated: true)");
        if (tcp && string.IsNullOrWhiteSpace(r.Host)) fail($"{key}:Host", "is required with Port");
        if (tcp && r.Port is not (>= 1 and <= 65535)) fail($"{key}:Port", "must be 1-65535");
        if (r.BaudRate is not (300 or 600 or 1200 or 2400 or 4800 or 9600 or 19200 or 38400 or 57600 or 115200))
            fail($"{key}:BaudRate", "must be a standard rate 300-115200 (ESPA 4.4.4 uses 1200-9600)");
        if (!SerialParities.Contains(r.Parity)) fail($"{key}:Parity", $"'{r.Parity}' is not one of {string.Join(", ", SerialParities)}");
        if (r.DataBits is not (7 or 8)) fail($"{key}:DataBits", "must be 7 or 8");
        if (r.OwnAddress is not [>= '0' and <= '9']) fail($"{key}:OwnAddress", "must be one character 0-9");
        if (r.PagingAddress is not [>= '0' and <= '9'] || r.PagingAddress == r.OwnAddress) fail($"{key}:PagingAddress", "must be one character 0-9, not OwnAddress");
        if (r.ResponseTimeoutMs is < 50 or > 30000) fail($"{key}:ResponseTimeoutMs", "must be 50-30000");
        if (r.PollSeconds is < 1 or > 300) fail($"{key}:PollSeconds", "must be 1-300");
        if (r.Retries is < 0 or > 9) fail($"{key}:Retries", "must be 0-9");
    }
}
