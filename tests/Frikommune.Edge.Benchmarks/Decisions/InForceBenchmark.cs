using BenchmarkDotNet.Attributes;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Benchmarks.Decisions;

/// <summary>The in-force question every sensor message and check-in asks, with 1,000 cached decisions.</summary>
[MemoryDiagnoser]
public class InForceBenchmark
{
    const int DecisionCount = 1000;
    static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    DecisionRegistry _registry = null!;

    sealed class TrustedClock : IClockTrust
    {
        public bool IsTrusted => true;
        public string? Problem => null;
        public IDisposable Subscribe(IClockTrustObserver observer) => new Frikommune.Edge.Observing.Observers<IClockTrustObserver>().Add(observer);
    }

    [GlobalSetup]
    public void Setup()
    {
        _registry = new DecisionRegistry(new TrustedClock());
        var decisions = Enumerable.Range(0, DecisionCount).Select(i => new Decision(
            $"d-{i:0000}", "herning-kommune", $"resident-{i % 400:000}", "herning-bo1", "herning-2026",
            Now.AddDays(-30), Now.AddDays(-(i % 20)), Now.AddDays(i % 7 == 0 ? -1 : 30),
            "§14f", [Measures.SleepMonitoring, Measures.VideoCheckIn], [$"room-{i % 400:000}"], [],
            new Consent(ConsentKinds.Guardian, new DateOnly(2026, 11, 1)),
            new CheckInTerms(30, 600, 6, [Frikommune.Edge.Decisions.CheckInTriggers.SleepAlarm, Frikommune.Edge.Decisions.CheckInTriggers.StaffRequest])));
        var single = new Decision("d-single", "herning-kommune", "resident-1001", "herning-bo1", "herning-2026",
            Now.AddDays(-30), Now.AddDays(-1), Now.AddDays(30), "§14f", [Measures.SleepMonitoring], ["room-1001"], [],
            new Consent(ConsentKinds.Guardian, new DateOnly(2026, 11, 1)), null);
        _registry.Load(decisions.Take(DecisionCount - 1).Append(single), []);
    }

    /// <summary>The usual case: one decision behind the measure in that room.</summary>
    [Benchmark]
    public bool InForceOneDecision() => _registry.Check(Measures.SleepMonitoring, "room-1001", "resident-1001", Now).InForce;

    /// <summary>Three decisions for the same room and resident (i, i+400, i+800).</summary>
    [Benchmark]
    public bool InForceForResident() => _registry.Check(Measures.SleepMonitoring, "room-123", "resident-123", Now).InForce;

    [Benchmark]
    public bool InForceAnyResident() => _registry.Check(Measures.VideoCheckIn, "room-250", null, Now).InForce;

    [Benchmark]
    public string? NoDecision() => _registry.Check(Measures.MotionMonitoring, "room-123", "resident-123", Now).Reason;

    [Benchmark]
    public DateTimeOffset? NextChange() => _registry.NextChangeAfter(Now);
}
