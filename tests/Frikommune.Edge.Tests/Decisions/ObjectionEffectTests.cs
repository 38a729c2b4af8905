using Frikommune.Edge.Decisions;
using Microsoft.Extensions.Time.Testing;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

/// <summary>An objection suspends a decision's measures, or not, as the basis and the decision say (LEGAL.md).</summary>
public sealed class ObjectionEffectTests : IDisposable
{
    readonly DecisionTestKit _kit = new();
    readonly DecisionRegistry _registry = new(new SettableClockTrust());
    readonly FakeTimeProvider _time = new(Now);
    readonly HashSet<string> _objecting = [];

    public void Dispose() => _kit.Dispose();

    MeasureAuthority Authority() => new(_registry, _time, _objecting.Contains);

    void Add(string id, string basis, string measure, string? objection, string sub = "resident-7f3a")
    {
        var claims = new Dictionary<string, object?>(Claims(id, sub)) { ["basis"] = basis, ["measures"] = new[] { measure } };
        if (measure != Measures.VideoCheckIn) claims.Remove("checkin");
        if (basis.StartsWith("SEL")) claims.Remove("consent");
        if (objection is not null) claims["objection"] = objection;
        var verifier = new TokenVerifier(k => _kit.Keys.GetValueOrDefault(k), Site, 366, _ => new KeyScope("test", Bases.All));
        var result = verifier.Verify(_kit.Sign(claims), Now);
        Assert.True(result.IsValid, result.Rejection?.ToString());
        _registry.Add(result.Verified!.Decision!);
    }

    [Theory]
    [InlineData("SEL§128b-2", null, false)]
    [InlineData("SEL§128b-2", "suspends", false)]
    [InlineData("SEL§128b-2", "continues", true)]
    [InlineData("§14f", null, false)]
    [InlineData("§14f", "suspends", false)]
    public void Sleep_monitoring_after_an_objection_is_in_force_only_when_the_decision_continues(string basis, string? objection, bool inForce)
    {
        Add("d-1", basis, Measures.SleepMonitoring, objection);
        Assert.True(Authority().InForce(Measures.SleepMonitoring, "resident-7f3a", "room-12"));

        _objecting.Add("resident-7f3a");

        var answer = Authority().Check(Measures.SleepMonitoring, "resident-7f3a", "room-12");
        Assert.Equal(inForce, answer.InForce);
        if (!inForce) Assert.Equal("objection", answer.Reason);
    }

    [Fact]
    public void Of_two_decisions_only_the_one_that_continues_stands_after_an_objection()
    {
        Add("d-suspends", "SEL§128b-2", Measures.SleepMonitoring, "suspends");
        Add("d-continues", "SEL§128b-2", Measures.SleepMonitoring, "continues");
        _objecting.Add("resident-7f3a");

        Assert.Equal(["d-continues"], Authority().Check(Measures.SleepMonitoring, "resident-7f3a", "room-12").DecisionIds);
        Assert.Equal(new Dictionary<string, string?> { ["suspends"] = "d-suspends", ["continues"] = "d-continues" },
            ObjectionReach.Of(_registry, "resident-7f3a", Now));
    }

    [Fact]
    public void An_objection_by_one_resident_leaves_another_residents_measures()
    {
        Add("d-other", "SEL§128b-2", Measures.SleepMonitoring, null, sub: "resident-2b91");
        _objecting.Add("resident-7f3a");

        Assert.True(Authority().InForce(Measures.SleepMonitoring, "resident-2b91", "room-12"));
    }

    [Fact]
    public void A_no_by_objection_names_the_decisions_it_suspends()
    {
        Add("d-suspends", "SEL§128b-2", Measures.SleepMonitoring, "suspends");
        _objecting.Add("resident-7f3a");

        var answer = Authority().Check(Measures.SleepMonitoring, "resident-7f3a", "room-12");
        Assert.Equal((false, "objection"), (answer.InForce, answer.Reason));
        Assert.Equal(["d-suspends"], answer.DecisionIds);
    }

    [Fact]
    public void The_door_opener_serves_the_place_and_no_objection_suspends_it()
    {
        var claims = new Dictionary<string, object?>(DoorClaims("d-door"));
        var verifier = new TokenVerifier(k => _kit.Keys.GetValueOrDefault(k), Site, 366, _ => new KeyScope("test", Bases.All));
        _registry.Add(verifier.Verify(_kit.Sign(claims), Now).Verified!.Decision!);
        _objecting.Add("resident-7f3a");

        Assert.Equal(["d-door"], Authority().Check(Measures.DoorOpener, "door-west").DecisionIds);
        Assert.False(Authority().Check(Measures.DoorOpener, "door-east").InForce);
    }
}
