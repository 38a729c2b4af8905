using CsCheck;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Tests.CheckIns;

/// <summary>No sequence of requests, alarms, decisions, objections, clock steps and restarts assembles continuous surveillance.</summary>
public class CheckInPropertyTests
{
    static readonly string[] AlarmKinds =
    [
        "door-assistance", "door-forced", "door-held-open", "fire-release", "seizure", "breathing",
        "heart-rate", "bed-exit", "motion-night", "sensor-silent", "technical",
    ];

    static readonly Gen<int> Room = Gen.Int[0, 1];

    static readonly Gen<SimOp> Op = Gen.Frequency(
        (30, Gen.Select(Room, Gen.Bool, (r, alarm) =>
            (SimOp)new AskOp(r, alarm ? CheckInOrigin.Alarm : CheckInOrigin.StaffRequest))),
        (6, Gen.Select(Room, Gen.OneOf(AlarmKinds), (r, k) => (SimOp)new RaiseAlarmOp(r, k))),
        (4, Room.Select(r => (SimOp)new ResolveAlarmsOp(r))),
        (4, Gen.Select(Room, Gen.OneOf(5, 30, 60, 120, 600), Gen.OneOf(0, 60, 300, 600, 3600), Gen.Int[1, 8], Gen.Int[1, 15],
            (r, max, gap, quota, mask) => (SimOp)new AddDecisionOp(r, max, gap, quota, mask))),
        (3, Gen.Select(Room, Gen.Int[0, 3], (r, i) => (SimOp)new RemoveDecisionOp(r, i))),
        (3, Gen.Select(Room, Gen.Frequency((1, Gen.Const(true)), (3, Gen.Const(false))), (r, o) => (SimOp)new ObjectionOp(r, o))),
        (2, Gen.Frequency((1, Gen.Const(false)), (3, Gen.Const(true))).Select(t => (SimOp)new ClockTrustOp(t))),
        (4, Gen.Frequency((3, Gen.Int[-120, 120]), (2, Gen.Int[-6 * 3600, 6 * 3600])).Select(s => (SimOp)new StepClockOp(s))),
        (20, Gen.Frequency((4, Gen.Int[1, 120]), (3, Gen.Int[100, 1200]), (1, Gen.Int[3600, 6 * 3600]))
            .Select(s => (SimOp)new AdvanceOp(s))),
        (2, Gen.Bool.Select(g => (SimOp)new RestartOp(g))),
        (4, Gen.Select(Room, Gen.Int[0, 90], (r, v) => (SimOp)new ViewerClosesOp(r, v))),
        (3, Gen.Const((SimOp)new ReviewOp())));

    static readonly Gen<SimOp[]> History = Op.Array[1, 400];

    [Fact]
    public void No_history_assembles_continuous_surveillance() =>
        History.Sample(ops => new CheckInSimulation().Run(ops), iter: 1000);

    [Fact]
    public void The_simulation_does_grant_look_ins()
    {
        // Guards against a property that holds only because nothing is ever granted.
        var grants = 0;
        History.Sample(ops =>
        {
            var sim = new CheckInSimulation();
            sim.Run(ops);
            Interlocked.Add(ref grants, sim.Grants);
        }, iter: 100);
        Assert.True(grants > 200, $"only {grants} grants");
    }

    // Sanity: the property can fail. Each broken variant is caught, by the check named:
    // no site caps → "longer than the cap"; a store that forgets → "gap … too short (wall)" after a restart;
    // a monotonic clock that follows wall steps → "gap … too short (real)" after a step forward.

    [Fact]
    public void A_gate_without_the_site_caps_is_caught() =>
        Assert.ThrowsAny<Exception>(() => History.Sample(ops =>
            new CheckInSimulation(gateSite: new CheckInsOptions
                { MaxSecondsCap = 3600, MinGapSecondsFloor = 0, TriggerWindowSeconds = 300 }).Run(ops), iter: 400));

    [Fact]
    public void A_ledger_that_forgets_on_restart_is_caught() =>
        Assert.ThrowsAny<Exception>(() => History.Sample(ops =>
            new CheckInSimulation(store: new AmnesiacCheckInStore()).Run(ops), iter: 400));

    [Fact]
    public void A_gate_whose_monotonic_clock_follows_wall_steps_is_caught() =>
        Assert.ThrowsAny<Exception>(() => History.Sample(ops =>
            new CheckInSimulation(monotonicFollowsWall: true).Run(ops), iter: 400));
}
