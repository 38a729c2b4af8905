using Frikommune.Edge.Decisions;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Hosting;

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

    /// <summary>Every section in the order <c>config validate</c> prints them (the same checks <see cref="GatewaySections"/> registers one by one).</summary>
    public static IReadOnlyList<string> Validate(GatewayOptions o) =>
    [
        .. SiteProblems(o.Site), .. MqttProblems(o.Mqtt), .. HttpProblems(o.Http), .. StorageProblems(o.Storage), .. DecisionsProblems(o.Decisions), .. ClockProblems(o.Clock), .. GpioProblems(o.Gpio),
        .. DoorsProblems(o.Doors), .. RoomsProblems(o.Rooms, o.Doors), .. NotifyProblems(o.Notify, o.Rooms, o.Doors), .. AlarmsProblems(o.Alarms), .. CheckInsProblems(o.CheckIns),
    ];

    static List<string> Collect(Action<Action<string, string>> checks)
    {
        var errors = new List<string>();
        checks((key, message) => errors.Add($"{key}: {message}"));
        return errors;
    }

    public static IReadOnlyList<string> SiteProblems(SiteOptions site) => Collect(Fail =>
    {
        if (!IsReference(site.Id)) Fail("Site:Id", "is required: 1-64 characters of A-Z a-z 0-9 . _ -");
        if (!TryTimeZone(site.TimeZone)) Fail("Site:TimeZone", $"'{site.TimeZone}' is not a known time zone");
        if (!TimeOnly.TryParseExact(site.Night.From, "HH:mm", out _)) Fail("Site:Night:From", "must be a time HH:mm");
        if (!TimeOnly.TryParseExact(site.Night.To, "HH:mm", out _)) Fail("Site:Night:To", "must be a time HH:mm");
    });

    public static IReadOnlyList<string> MqttProblems(MqttOptions mqtt) => Collect(Fail =>
    {
        if (mqtt.Port is < 1 or > 65535) Fail("Mqtt:Port", "must be 1-65535");
        if (string.IsNullOrWhiteSpace(mqtt.TopicPrefix)) Fail("Mqtt:TopicPrefix", "is required");
        else if (mqtt.TopicPrefix.IndexOfAny(['+', '#']) >= 0 || mqtt.TopicPrefix.EndsWith('/'))
            Fail("Mqtt:TopicPrefix", "must not contain + or # or end with /");
        if (mqtt.ReconnectMaxSeconds is < 1 or > 300) Fail("Mqtt:ReconnectMaxSeconds", "must be 1-300");
        if (mqtt.CaFile is { Length: > 0 } && !mqtt.UseTls) Fail("Mqtt:CaFile", "is set but Mqtt:UseTls is false");
    });

    public static IReadOnlyList<string> HttpProblems(HttpOptions http)
    {
        var errors = Collect(Fail =>
        {
            if (string.IsNullOrWhiteSpace(http.Urls)) Fail("Http:Urls", "is required");
            else foreach (var url in http.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
                if (!Uri.TryCreate(url.Trim().Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                    Fail("Http:Urls", $"'{url}' is not an http(s) URL");
        });
        errors.AddRange(HttpsAndLimitProblems(http));
        return errors;
    }

    public static IReadOnlyList<string> StorageProblems(StorageOptions storage) => Collect(Fail =>
    {
        if (string.IsNullOrWhiteSpace(storage.Path)) Fail("Storage:Path", "is required");
    });

    public static IReadOnlyList<string> DecisionsProblems(DecisionsOptions decisions) => Collect(Fail =>
    {
        if (string.IsNullOrWhiteSpace(decisions.TrustedKeysPath)) Fail("Decisions:TrustedKeysPath", "is required");
        if (decisions.MaxPeriodDays is < 1 or > 3660) Fail("Decisions:MaxPeriodDays", "must be 1-3660");
    });

    public static IReadOnlyList<string> ClockProblems(ClockOptions clock) => Collect(Fail =>
    {
        if (clock.ToleranceSeconds is < 0 or > 86400) Fail("Clock:ToleranceSeconds", "must be 0-86400");
    });

    public static IReadOnlyList<string> GpioProblems(GpioOptions gpio) => Collect(Fail =>
    {
        if (!GpioDrivers.Contains(gpio.Driver)) Fail("Gpio:Driver", $"'{gpio.Driver}' is not one of {string.Join(", ", GpioDrivers)}");
        if (gpio.Chip < 0) Fail("Gpio:Chip", "must be 0 or more");
    });

    /// <summary>The doors, and no pin used twice among them.</summary>
    public static IReadOnlyList<string> DoorsProblems(IReadOnlyList<DoorOptions> doors) => Collect(Fail =>
    {
        ValidateDoors(doors, Fail);
        ValidatePins(doors, [], Fail);
    });

    /// <summary>The rooms and their sensors, and no room pin used twice or by a door (<paramref name="doors"/>: null when they are invalid themselves).</summary>
    public static IReadOnlyList<string> RoomsProblems(IReadOnlyList<RoomOptions> rooms, IReadOnlyList<DoorOptions>? doors) => Collect(Fail =>
    {
        ValidateRooms(rooms, Fail);
        ValidatePins(doors ?? [], rooms, (key, message) => { if (key.StartsWith("Rooms:", StringComparison.Ordinal)) Fail(key, message); });
    });

    public static IReadOnlyList<string> NotifyProblems(NotifyOptions notify, IReadOnlyList<RoomOptions>? rooms, IReadOnlyList<DoorOptions>? doors) =>
        Collect(Fail => ValidateReceivers(notify, rooms, doors, Fail));

    public static IReadOnlyList<string> AlarmsProblems(AlarmsOptions alarms) => Collect(Fail =>
    {
        if (alarms.AckTimeoutSeconds is < 5 or > 3600) Fail("Alarms:AckTimeoutSeconds", "must be 5-3600");
        if (alarms.BedExitGraceSeconds is < 0 or > 3600) Fail("Alarms:BedExitGraceSeconds", "must be 0-3600");
        if (alarms.SensorSilentMinutes is < 1 or > 10080) Fail("Alarms:SensorSilentMinutes", "must be 1-10080");
    });

    public static IReadOnlyList<string> CheckInsProblems(CheckInsOptions checkIns) => Collect(Fail =>
    {
        if (checkIns.MaxSecondsCap is < 1 or > CheckInCapLimitSeconds) Fail("CheckIns:MaxSecondsCap", $"must be 1-{CheckInCapLimitSeconds} seconds");
        if (checkIns.MinGapSecondsFloor is < 0 or > 86400) Fail("CheckIns:MinGapSecondsFloor", "must be 0-86400");
        if (checkIns.TriggerWindowSeconds is < 0 or > 3600) Fail("CheckIns:TriggerWindowSeconds", "must be 0-3600");
    });

    static void ValidateDoors(IReadOnlyList<DoorOptions> doors, Action<string, string> fail)
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < doors.Count; i++)
        {
            var d = doors[i];
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

    static void ValidateRooms(IReadOnlyList<RoomOptions> rooms, Action<string, string> fail)
    {
        var roomIds = new HashSet<string>();
        var sensorIds = new HashSet<string>();
        var topics = new HashSet<string>();
        for (var i = 0; i < rooms.Count; i++)
        {
            var r = rooms[i];
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

    static void ValidatePins(IReadOnlyList<DoorOptions> doors, IReadOnlyList<RoomOptions> rooms, Action<string, string> fail)
    {
        var used = new Dictionary<int, string>();
        void Use(string key, int? pin)
        {
            if (pin is not { } p) return;
            if (p is < 0 or > 511) { fail(key, $"pin {p} is not a valid line number"); return; }
            if (used.TryGetValue(p, out var other)) fail(key, $"pin {p} is also used by {other}");
            else used[p] = key;
        }
        for (var i = 0; i < doors.Count; i++)
        {
            var p = doors[i].Pins;
            var k = $"Doors:{i}:Pins";
            Use($"{k}:ButtonA", p.ButtonA); Use($"{k}:ButtonB", p.ButtonB); Use($"{k}:Contact", p.Contact);
            Use($"{k}:Lock", p.Lock); Use($"{k}:Sounder", p.Sounder); Use($"{k}:FireRelease", p.FireRelease);
            Use($"{k}:LockHeartbeat", p.LockHeartbeat);
        }
        for (var i = 0; i < rooms.Count; i++) Use($"Rooms:{i}:Pins:CameraIndicator", rooms[i].Pins.CameraIndicator);
    }

    static bool TryTimeZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return !string.IsNullOrWhiteSpace(id); }
        catch (Exception) { return false; }
    }

    static bool IsReference(string? value) => References.IsSafe(value);
}
