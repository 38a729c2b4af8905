using Frikommune.Edge.CheckIns;
using System.Security.Cryptography;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Decisions;

/// <summary>A room as the demo decisions need it.</summary>
public sealed record DemoRoom(string Id, string Resident, IReadOnlyList<string> SensorKinds, bool HasCamera)
{
    public static DemoRoom From(RoomOptions room) => new(room.Id, room.Resident,
        room.Sensors.Select(s => s.Kind).ToArray(), !string.IsNullOrEmpty(room.Camera.Kind));
}

/// <summary>Demo decisions and the ephemeral key that signed them; the key is trusted only in this process.</summary>
public sealed record DemoSet(ECDsa Key, IReadOnlyList<string> Tokens);

/// <summary>
/// Signs decisions for the example rooms and doors for <c>--simulate</c> runs, with a key made afresh each run and
/// never written to disk, so outside such a run these decisions do not verify and are not in force.
/// </summary>
public static class DemoDecisions
{
    public const string KeyId = "simulate-demo";
    public const string Issuer = "simulate-demo";
    public static readonly TimeSpan Period = TimeSpan.FromDays(30);

    public static DemoSet Create(string site, IEnumerable<DemoRoom> rooms, IEnumerable<string> doors, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var from = now.ToUnixTimeSeconds();
        var until = now.Add(Period).ToUnixTimeSeconds();
        var consent = new { by = ConsentKinds.Guardian, date = now.UtcDateTime.ToString("yyyy-MM-dd") };
        var tokens = new List<string>();
        string Sign(string id, string sub, string basis, string[] measures, string[] rooms, string[] doorIds, object? checkin) =>
            TokenSigner.Sign(key, KeyId, new Dictionary<string, object?>
            {
                ["iss"] = Issuer, ["jti"] = Clip(id), ["sub"] = sub, ["site"] = site, ["iat"] = from, ["nbf"] = from, ["exp"] = until,
                ["basis"] = basis, ["measures"] = measures, ["rooms"] = rooms, ["doors"] = doorIds, ["consent"] = consent,
                ["checkin"] = checkin,
            }.Where(p => p.Value is not null).ToDictionary());

        foreach (var room in rooms.Where(r => References.Loggable(r.Resident) is not null && References.IsSafe(r.Id)))
        {
            var sleep = room.SensorKinds.Contains("sleep");
            var motion = room.SensorKinds.Contains("motion");
            if (sleep)
                tokens.Add(Sign($"demo-{room.Id}-sleep", room.Resident, Bases.Section14f,
                    room.HasCamera ? [Measures.SleepMonitoring, Measures.VideoCheckIn] : [Measures.SleepMonitoring], [room.Id], [],
                    room.HasCamera ? CheckIn(CheckInTriggers.SleepAlarm) : null));
            var videoUnder14 = room.HasCamera && !sleep;
            if (motion || videoUnder14)
                tokens.Add(Sign($"demo-{room.Id}-care", room.Resident, Bases.Section14,
                    [.. motion ? [Measures.MotionMonitoring] : Array.Empty<string>(), .. videoUnder14 ? [Measures.VideoCheckIn] : Array.Empty<string>()],
                    [room.Id], [], videoUnder14 ? CheckIn(motion ? CheckInTriggers.MotionAlarm : null) : null));
        }
        foreach (var door in doors.Where(References.IsSafe))
            tokens.Add(Sign($"demo-{door}-door-opener", "demo-resident", Bases.Section14b, [Measures.DoorOpener], [], [door], null));
        return new DemoSet(key, tokens);
    }

    static object CheckIn(string? alarm) => new
    {
        maxSeconds = 30, minGapSeconds = 600, maxPer24h = 6,
        triggers = alarm is null ? new[] { CheckInTriggers.StaffRequest } : [alarm, CheckInTriggers.StaffRequest],
    };

    static string Clip(string id) => id.Length <= 64 ? id : id[..64];

    /// <summary>
    /// Trusts the demo key for this process, drops an earlier run's demo decisions (signed by a key that is gone)
    /// and imports the new ones.
    /// </summary>
    public static async Task<IReadOnlyList<ImportVerdict>> InstallAsync(DemoSet demo, TrustedKeys keys, DecisionStore store,
        DecisionImporter importer, CancellationToken cancellationToken = default)
    {
        keys.AddInMemory(KeyId, demo.Key);
        store.ForgetSignedBy(KeyId);
        var verdicts = new List<ImportVerdict>();
        foreach (var token in demo.Tokens)
            verdicts.Add(await importer.ImportAsync(token, "simulate", cancellationToken));
        return verdicts;
    }
}
