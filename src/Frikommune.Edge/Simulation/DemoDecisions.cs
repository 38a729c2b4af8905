using Frikommune.Edge.CheckIns;
using System.Security.Cryptography;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Simulation;

/// <summary>A room as the demo decisions need it.</summary>
public sealed record DemoRoom(string Id, string Resident, IReadOnlyList<string> SensorKinds, bool HasCamera)
{
    public static DemoRoom From(RoomOptions room) => new(room.Id, room.Resident,
        room.Sensors.Select(s => s.Kind).ToArray(), !string.IsNullOrEmpty(room.Camera.Kind));
}

/// <summary>Demo decisions and the ephemeral keys that signed them (the municipality's and Det Socialfaglige Nævn's), trusted only in this process.</summary>
public sealed record DemoSet(ECDsa Key, ECDsa NaevnKey, IReadOnlyList<string> Tokens);

/// <summary>
/// Signs decisions for the example rooms and doors for <c>--simulate</c> runs, with keys made afresh each run and
/// never written to disk, so outside such a run these decisions do not verify and are not in force. They follow
/// today's law (serviceloven: § 125 for the door, § 128 b stk. 2 for sensors, § 128 b stk. 1 for kamerakig, signed by
/// a key that only the Nævn holds) and keep one decision under the old § 14f, so both paths are seen.
/// </summary>
public static class DemoDecisions
{
    public const string KeyId = DemoKeys.KeyId;
    public const string NaevnKeyId = DemoKeys.NaevnKeyId;
    public const string Issuer = "simulate-demo";
    public const string NaevnIssuer = "simulate-demo-naevn";
    public static readonly TimeSpan Period = TimeSpan.FromDays(30);

    /// <summary>The demo keys are trusted only when a <c>--simulate</c> run put them in memory, never from a file.</summary>
    public static DemoSet Create(string site, IEnumerable<DemoRoom> rooms, IEnumerable<string> doors, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var naevn = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var from = now.ToUnixTimeSeconds();
        var until = now.Add(Period).ToUnixTimeSeconds();
        var consent = new ConsentPayload(ConsentKinds.Guardian, now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var tokens = new List<string>();
        void Sign(string id, string sub, string basis, string[] measures, string[] roomIds, string[] doorIds, CheckInLimitsPayload? checkin)
        {
            var byNaevn = basis == Bases.Sel128b1;
            tokens.Add(TokenSigner.Sign(byNaevn ? naevn : key, byNaevn ? NaevnKeyId : KeyId, new DecisionClaimsPayload(
                byNaevn ? NaevnIssuer : Issuer, Clip(id), sub, site, from, from, until, basis, measures, roomIds, doorIds,
                // Consent is a condition only under the old law; under serviceloven it is recorded if given.
                Bases.RequiresConsent(basis) ? consent : null,
                checkin)));
        }

        var oldLawShown = false;
        foreach (var room in rooms.Where(r => References.Loggable(r.Resident) is not null && References.IsSafe(r.Id)))
        {
            var sleep = room.SensorKinds.Contains("sleep");
            var motion = room.SensorKinds.Contains("motion");
            var sensors = new List<string>();
            if (sleep && !oldLawShown)
            {
                // The one decision under lov om frikommunenetværk: sites may still hold such decisions.
                Sign($"demo-{room.Id}-sleep", room.Resident, Bases.Section14f, [Measures.SleepMonitoring], [room.Id], [], null);
                oldLawShown = true;
            }
            else if (sleep) sensors.Add(Measures.SleepMonitoring);
            if (motion) sensors.Add(Measures.MotionMonitoring);
            if (sensors.Count > 0)
                Sign($"demo-{room.Id}-sensors", room.Resident, Bases.Sel128b2, [.. sensors], [room.Id], [], null);
            if (room.HasCamera)
                Sign($"demo-{room.Id}-kamerakig", room.Resident, Bases.Sel128b1, [Measures.VideoCheckIn], [room.Id], [],
                    CheckIn(sleep ? CheckInTriggers.SleepAlarm : motion ? CheckInTriggers.MotionAlarm : null));
        }
        foreach (var door in doors.Where(References.IsSafe))
            Sign($"demo-{door}-door-opener", "demo-resident", Bases.Sel125, [Measures.DoorOpener], [], [door], null);
        return new DemoSet(key, naevn, tokens);
    }

    static CheckInLimitsPayload CheckIn(string? alarm) =>
        new(30, 600, 6, alarm is null ? [CheckInTriggers.StaffRequest] : [alarm, CheckInTriggers.StaffRequest]);

    static string Clip(string id) => id.Length <= 64 ? id : id[..64];

    /// <summary>
    /// Trusts the demo keys for this process (the Nævn's for kamerakig only), drops an earlier run's demo decisions
    /// (signed by keys that are gone) and imports the new ones.
    /// </summary>
    public static async Task<IReadOnlyList<ImportVerdict>> InstallAsync(DemoSet demo, TrustedKeys keys, IDecisionStore store,
        DecisionImporter importer, CancellationToken cancellationToken = default)
    {
        keys.AddInMemory(KeyId, demo.Key);
        keys.AddInMemory(NaevnKeyId, demo.NaevnKey, new KeyScope(NaevnIssuer, [Bases.Sel128b1]));
        store.ForgetSignedBy(KeyId);
        store.ForgetSignedBy(NaevnKeyId);
        var verdicts = new List<ImportVerdict>();
        foreach (var token in demo.Tokens)
            verdicts.Add(await importer.ImportAsync(token, "simulate", cancellationToken));
        return verdicts;
    }
}
