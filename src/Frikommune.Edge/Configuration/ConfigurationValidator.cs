using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Configuration;

/// <summary>
/// Checks the whole configuration and returns one line per problem, each naming its key
/// (<c>Doors:0:Pins:Lock: pin 17 is also used by Doors:0:Pins:ButtonA</c>).
/// </summary>
public static partial class ConfigurationValidator
{
    public static readonly string[] SensorKinds = ["sleep", "motion"];
    public static readonly string[] SensorFormats = ["native", "zigbee2mqtt"];
    public static readonly string[] CameraKinds = ["mjpeg", "snapshot", "synthetic"];
    public static readonly string[] GpioDrivers = ["libgpiod", "sysfs", "simulated"];
    public const int CheckInCapLimitSeconds = 600;
    public const int DelayedEgressLimitSeconds = 180;

    public static IReadOnlyList<string> Validate(GatewayOptions o)
    {
        var errors = new List<string>();
        void Fail(string key, string message) => errors.Add($"{key}: {message}");

        if (!IsReference(o.Site.Id)) Fail("Site:Id", "is required: 1-64 characters of A-Z a-z 0-9 . _ -");
        if (!TryTimeZone(o.Site.TimeZone)) Fail("Site:TimeZone", $"'{o.Site.TimeZone}' is not a known time zone");
        if (!TimeOnly.TryParseExact(o.Site.Night.From, "HH:mm", out _)) Fail("Site:Night:From", "must be a time HH:mm");
        if (!TimeOnly.TryParseExact(o.Site.Night.To, "HH:mm", out _)) Fail("Site:Night:To", "must be a time HH:mm");

        if (o.Mqtt.Port is < 1 or > 65535) Fail("Mqtt:Port", "must be 1-65535");
        if (string.IsNullOrWhiteSpace(o.Mqtt.TopicPrefix)) Fail("Mqtt:TopicPrefix", "is required");
        else if (o.Mqtt.TopicPrefix.IndexOfAny(['+', '#']) >= 0 || o.Mqtt.TopicPrefix.EndsWith('/'))
            Fail("Mqtt:TopicPrefix", "must not contain + or # or end with /");
        if (o.Mqtt.ReconnectMaxSeconds is < 1 or > 300) Fail("Mqtt:ReconnectMaxSeconds", "must be 1-300");
        if (o.Mqtt.CaFile is { Length: > 0 } && !o.Mqtt.UseTls) Fail("Mqtt:CaFile", "is set but Mqtt:UseTls is false");

        if (string.IsNullOrWhiteSpace(o.Http.Urls)) Fail("Http:Urls", "is required");
        else foreach (var url in o.Http.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
            if (!Uri.TryCreate(url.Trim().Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                Fail("Http:Urls", $"'{url}' is not an http(s) URL");
        foreach (var problem in HttpProblems(o.Http)) errors.Add(problem);
        if (string.IsNullOrWhiteSpace(o.Storage.Path)) Fail("Storage:Path", "is required");
        if (string.IsNullOrWhiteSpace(o.Decisions.TrustedKeysPath)) Fail("Decisions:TrustedKeysPath", "is required");
        if (o.Decisions.MaxPeriodDays is < 1 or > 3660) Fail("Decisions:MaxPeriodDays", "must be 1-3660");
        if (o.Clock.ToleranceSeconds is < 0 or > 86400) Fail("Clock:ToleranceSeconds", "must be 0-86400");
        if (!GpioDrivers.Contains(o.Gpio.Driver)) Fail("Gpio:Driver", $"'{o.Gpio.Driver}' is not one of {string.Join(", ", GpioDrivers)}");
        if (o.Gpio.Chip < 0) Fail("Gpio:Chip", "must be 0 or more");

        ValidateDoors(o, Fail);
        ValidateRooms(o, Fail);
        ValidatePins(o, Fail);
        ValidateReceivers(o, Fail);

        if (o.Alarms.AckTimeoutSeconds is < 5 or > 3600) Fail("Alarms:AckTimeoutSeconds", "must be 5-3600");
        if (o.Alarms.BedExitGraceSeconds is < 0 or > 3600) Fail("Alarms:BedExitGraceSeconds", "must be 0-3600");
        if (o.Alarms.SensorSilentMinutes is < 1 or > 10080) Fail("Alarms:SensorSilentMinutes", "must be 1-10080");
        if (o.CheckIns.MaxSecondsCap is < 1 or > CheckInCapLimitSeconds) Fail("CheckIns:MaxSecondsCap", $"must be 1-{CheckInCapLimitSeconds} seconds");
        if (o.CheckIns.MinGapSecondsFloor is < 0 or > 86400) Fail("CheckIns:MinGapSecondsFloor", "must be 0-86400");
        if (o.CheckIns.TriggerWindowSeconds is < 0 or > 3600) Fail("CheckIns:TriggerWindowSeconds", "must be 0-3600");
        return errors;
    }

    static void ValidateDoors(GatewayOptions o, Action<string, string> fail)
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < o.Doors.Count; i++)
        {
            var d = o.Doors[i];
            var key = $"Doors:{i}";
            if (!IsReference(d.Id)) fail($"{key}:Id", "is required: 1-64 characters of A-Z a-z 0-9 . _ -");
            else if (!ids.Add(d.Id)) fail($"{key}:Id", $"door id '{d.Id}' is used twice");
            if (!Decisions.DoorKinds.IsKnown(d.Kind)) fail($"{key}:Kind", $"'{d.Kind}' is not one of {string.Join(", ", Decisions.DoorKinds.All)}");
            if (d.Pins.ButtonA is null) fail($"{key}:Pins:ButtonA", "is required");
            if (d.Pins.ButtonB is null) fail($"{key}:Pins:ButtonB", "is required");
            if (d.Pins.Contact is null) fail($"{key}:Pins:Contact", "is required");
            if (d.Pins.Lock is null) fail($"{key}:Pins:Lock", "is required");
            if (d.TwoButtonWindowMs is < 100 or > 10000) fail($"{key}:TwoButtonWindowMs", "must be 100-10000");
            if (d.ReleaseSeconds is < 1 or > 300) fail($"{key}:ReleaseSeconds", "must be 1-300");
            if (d.HeldOpenAlarmSeconds is < 1 or > 3600) fail($"{key}:HeldOpenAlarmSeconds", "must be 1-3600");
            if (d.DelayedEgressSeconds is < 1 or > DelayedEgressLimitSeconds)
                fail($"{key}:DelayedEgressSeconds", $"must be 1-{DelayedEgressLimitSeconds} (EN 13637 delayed egress)");
            if (d.DebounceMs is < 0 or > 500) fail($"{key}:DebounceMs", "must be 0-500");
        }
    }

    static void ValidateRooms(GatewayOptions o, Action<string, string> fail)
    {
        var roomIds = new HashSet<string>();
        var sensorIds = new HashSet<string>();
        var topics = new HashSet<string>();
        for (var i = 0; i < o.Rooms.Count; i++)
        {
            var r = o.Rooms[i];
            var key = $"Rooms:{i}";
            if (!IsReference(r.Id)) fail($"{key}:Id", "is required: 1-64 characters of A-Z a-z 0-9 . _ -");
            else if (!roomIds.Add(r.Id)) fail($"{key}:Id", $"room id '{r.Id}' is used twice");
            if (!IsReference(r.Resident)) fail($"{key}:Resident", "is required: a pseudonymous reference of 1-64 characters of A-Z a-z 0-9 . _ -");
            else if (References.IsCprLike(r.Resident)) fail($"{key}:Resident", "looks like a CPR number; use a pseudonymous reference");
            if (!string.IsNullOrEmpty(r.Camera.Kind))
            {
                if (!CameraKinds.Contains(r.Camera.Kind)) fail($"{key}:Camera:Kind", $"'{r.Camera.Kind}' is not one of {string.Join(", ", CameraKinds)}");
                else if (r.Camera.Kind != "synthetic" && !Uri.TryCreate(r.Camera.Url, UriKind.Absolute, out _))
                    fail($"{key}:Camera:Url", "must be an absolute http(s) URL");
            }
            for (var j = 0; j < r.Sensors.Count; j++)
            {
                var s = r.Sensors[j];
                var skey = $"{key}:Sensors:{j}";
                if (!IsReference(s.Id)) fail($"{skey}:Id", "is required: 1-64 characters of A-Z a-z 0-9 . _ -");
                else if (!sensorIds.Add(s.Id)) fail($"{skey}:Id", $"sensor id '{s.Id}' is used twice");
                if (!SensorKinds.Contains(s.Kind)) fail($"{skey}:Kind", $"'{s.Kind}' is not one of {string.Join(", ", SensorKinds)}");
                if (!SensorFormats.Contains(s.Format)) fail($"{skey}:Format", $"unknown format '{s.Format}'; use one of {string.Join(", ", SensorFormats)}");
                if (string.IsNullOrWhiteSpace(s.Topic) || s.Topic.IndexOfAny(['+', '#']) >= 0) fail($"{skey}:Topic", "must be a topic without wildcards");
                else if (!topics.Add(s.Topic)) fail($"{skey}:Topic", $"topic '{s.Topic}' is used by two sensors");
            }
        }
    }

    static void ValidatePins(GatewayOptions o, Action<string, string> fail)
    {
        var used = new Dictionary<int, string>();
        void Use(string key, int? pin)
        {
            if (pin is not { } p) return;
            if (p is < 0 or > 511) { fail(key, $"pin {p} is not a valid line number"); return; }
            if (used.TryGetValue(p, out var other)) fail(key, $"pin {p} is also used by {other}");
            else used[p] = key;
        }
        for (var i = 0; i < o.Doors.Count; i++)
        {
            var p = o.Doors[i].Pins;
            var k = $"Doors:{i}:Pins";
            Use($"{k}:ButtonA", p.ButtonA); Use($"{k}:ButtonB", p.ButtonB); Use($"{k}:Contact", p.Contact);
            Use($"{k}:Lock", p.Lock); Use($"{k}:Sounder", p.Sounder); Use($"{k}:FireRelease", p.FireRelease);
            Use($"{k}:LockHeartbeat", p.LockHeartbeat);
        }
        for (var i = 0; i < o.Rooms.Count; i++) Use($"Rooms:{i}:Pins:CameraIndicator", o.Rooms[i].Pins.CameraIndicator);
    }

    static bool TryTimeZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return !string.IsNullOrWhiteSpace(id); }
        catch (Exception) { return false; }
    }

    static bool IsReference(string? value) => References.IsSafe(value);
}
