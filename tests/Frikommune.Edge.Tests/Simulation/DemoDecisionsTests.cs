using Frikommune.Edge.Decisions;
using Frikommune.Edge.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;
using Frikommune.Edge.Simulation;
using Frikommune.Edge.Tests.Decisions;

namespace Frikommune.Edge.Tests.Simulation;

public sealed class DemoDecisionsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("decision-demo-").FullName;
    readonly DecisionStore _store;
    readonly CollectingAuditTrail _audit = new();

    static readonly DemoRoom[] Rooms =
    [
        new("room-12", "resident-7f3a", ["sleep", "motion"], HasCamera: true),
        new("room-14", "resident-2b9c", ["motion"], HasCamera: false),
    ];

    public DemoDecisionsTests()
    {
        var database = new Database(Path.Combine(_dir, "gateway.db"));
        database.Migrate([new DecisionSchema()]);
        _store = new DecisionStore(database);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    async Task<DecisionRegistry> SimulateRun(TrustedKeys keys)
    {
        var registry = new DecisionRegistry(new SettableClockTrust());
        var verifier = new TokenVerifier(keys.Find, Site, 366, keys.ScopeOf);
        CachedDecisions.LoadInto(registry, _store, verifier);
        var importer = new DecisionImporter(verifier, _store, registry, _audit, new FakeTimeProvider(Now));
        var verdicts = await DemoDecisions.InstallAsync(DemoDecisions.Create(Site, Rooms, ["door-west"], Now), keys, _store, importer);
        Assert.All(verdicts, v => Assert.Equal(ImportOutcome.Accepted, v.Outcome));
        return registry;
    }

    [Fact]
    public async Task A_simulate_run_puts_the_demo_measures_in_force_for_30_days()
    {
        using var keys = new TrustedKeys(Path.Combine(_dir, "trust"));
        var registry = await SimulateRun(keys);

        bool InForce(string measure, string place, DateTimeOffset at) => registry.Check(measure, place, null, at).InForce;
        Assert.True(InForce(Measures.SleepMonitoring, "room-12", Now));
        Assert.True(InForce(Measures.VideoCheckIn, "room-12", Now));
        Assert.True(InForce(Measures.MotionMonitoring, "room-12", Now));
        Assert.True(InForce(Measures.MotionMonitoring, "room-14", Now));
        Assert.False(InForce(Measures.VideoCheckIn, "room-14", Now));
        Assert.True(InForce(Measures.DoorOpener, "door-west", Now));
        Assert.False(InForce(Measures.DoorOpener, "door-west", Now.AddDays(30)));
        var checkIn = registry.Check(Measures.VideoCheckIn, "room-12", "resident-7f3a", Now).Decisions[0].CheckIn!;
        Assert.Equal(["sleep-alarm", "staff-request"], checkIn.Triggers);
    }

    [Fact]
    public async Task A_second_simulate_run_replaces_the_demo_decisions_of_the_first()
    {
        using (var first = new TrustedKeys(null)) await SimulateRun(first);
        using var second = new TrustedKeys(null);

        var registry = await SimulateRun(second);

        Assert.Equal(5, registry.Count);
        Assert.Equal(5, _store.LoadAll().Count);
    }

    [Fact]
    public async Task Without_simulate_the_demo_decisions_are_not_in_force()
    {
        using (var simulate = new TrustedKeys(null)) await SimulateRun(simulate);
        using var plain = new TrustedKeys(null);
        var registry = new DecisionRegistry(new SettableClockTrust());

        var skipped = CachedDecisions.LoadInto(registry, _store, new TokenVerifier(plain.Find, Site, 366));

        Assert.Equal(0, registry.Count);
        Assert.Equal(5, skipped.Count);
        Assert.All(skipped, s => Assert.Equal(RejectionReasons.UnknownKey, s.Reason));
    }

    [Fact]
    public async Task The_demo_uses_todays_law_and_one_old_decision_with_kamerakig_signed_by_the_naevn_key()
    {
        using var keys = new TrustedKeys(null);
        var registry = await SimulateRun(keys);

        var bases = registry.All().ToDictionary(e => e.Decision.Id, e => (e.Decision.Basis, e.Decision.KeyId));
        Assert.Equal(("§14f", DemoDecisions.KeyId), bases["demo-room-12-sleep"]);
        Assert.Equal(("SEL§128b-2", DemoDecisions.KeyId), bases["demo-room-12-sensors"]);
        Assert.Equal(("SEL§128b-1", DemoDecisions.NaevnKeyId), bases["demo-room-12-kamerakig"]);
        Assert.Equal(("SEL§128b-2", DemoDecisions.KeyId), bases["demo-room-14-sensors"]);
        Assert.Equal(("SEL§125", DemoDecisions.KeyId), bases["demo-door-west-door-opener"]);
        Assert.False(keys.ScopeOf(DemoDecisions.KeyId).Allows("SEL§128b-1"));
    }
}
